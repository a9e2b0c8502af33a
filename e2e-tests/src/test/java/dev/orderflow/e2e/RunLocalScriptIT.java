package dev.orderflow.e2e;

import static dev.orderflow.e2e.GatewayClient.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-local.sh} as a developer uses it: it brings the whole system up, the system works, and
 * SIGTERM, or Ctrl-C, stops everything and frees every port. Runs beside a default local run: its own ports,
 * databases and data folder. With no PostgreSQL answering, it starts an embedded one of its own.
 */
class RunLocalScriptIT {

    private static final Pattern GATEWAY_URL = Pattern.compile("^\\s+gateway\\s+(http://\\S+)", Pattern.MULTILINE);

    private final ProjectLayout layout = ProjectLayout.current();
    private final PostgresServer postgres = PostgresServer.fromEnvironment();
    private final String databasePrefix = PostgresServer.uniquePrefix("e2e_run_local");
    private final Path runDirectory = layout.outputDirectory().resolve("run-local");
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private ManagedProcess script;
    private List<ProcessHandle> startedByScript = List.of();

    @Test
    void startsTheWholeSystemAndStopsEverythingOnSigterm() {
        layout.requireBuilt();
        Directories.deleteRecursively(runDirectory);
        Map<String, String> environment = ownPortsAndFolders();
        environment.put("PGHOST", postgres.host());
        environment.put("PGPORT", Integer.toString(postgres.port()));
        environment.put("PGUSER", postgres.user());
        environment.put("PGPASSWORD", postgres.password());

        script = ManagedProcess.start("run-local", List.of("./run-local.sh", "--no-build"), environment, layout.root(),
                layout.logDirectory().resolve("run-local.log"));

        placeAnOrderOnceReady();
        startedByScript = script.descendants();
        assertThat(startedByScript).as("JVMs run-local.sh started: the broker, the four services, the auth server and the console")
                .filteredOn(RunLocalScriptIT::isJava)
                .hasSize(7);
        // The script stops the services, then the broker, each phase allowed 30 s before it kills.
        script.stop(Duration.ofMinutes(2));

        assertThat(script.exitValue()).as("exit status of run-local.sh after SIGTERM").isZero();
        assertThat(startedByScript).as("processes still alive after run-local.sh exited")
                .noneMatch(ProcessHandle::isAlive);
        assertThat(ports).as("ports still taken after run-local.sh exited")
                .allSatisfy((variable, port) -> assertThat(FreePorts.isFree(port)).as("%s %d free", variable, port).isTrue());
        assertThat(script.log()).contains("stopped");
    }

    /**
     * A laptop with nothing but a JDK: PGPORT names a port nothing listens on, so the script starts an embedded
     * PostgreSQL there. Then Ctrl-C, as a terminal sends it (SIGINT to the script's process group), and SIGKILL to
     * the group if the script is still stopping 10 s later: nothing it started may survive either.
     */
    @Test
    void startsAnEmbeddedPostgresqlWhenNoneAnswersAndLeavesNothingBehindOnCtrlC() throws IOException {
        layout.requireBuilt();
        Directories.deleteRecursively(runDirectory);
        Map<String, String> environment = ownPortsAndFolders();
        int unanswered = FreePorts.next();
        ports.put("PGPORT", unanswered);
        environment.put("PGHOST", "127.0.0.1");
        environment.put("PGPORT", Integer.toString(unanswered));

        // As in a terminal: the script leads its own process group, and SIGINT is at its default (a process started
        // in the background of a non-interactive shell inherits SIGINT ignored, which bash can then not trap).
        script = ManagedProcess.start("run-local-embedded",
                List.of("setsid", "env", "--default-signal=INT", "./run-local.sh", "--no-build"), environment, layout.root(),
                layout.logDirectory().resolve("run-local-embedded.log"));

        placeAnOrderOnceReady();
        Path data = runDirectory.resolve("postgres");
        assertThat(script.log())
                .contains("no PostgreSQL answers at 127.0.0.1:" + unanswered + "; starting an embedded PostgreSQL on 127.0.0.1:"
                        + unanswered + ", data in " + data)
                .containsPattern("postgresql\\s+127\\.0\\.0\\.1:" + unanswered + " .*\\(embedded PostgreSQL 15\\.\\d+, data in " + data + "\\)");
        assertThat(data.resolve("PG_VERSION")).as("the embedded server's data under the run folder").exists();
        assertThat(processGroupOf(script.pid())).as("process group of run-local.sh").isEqualTo(script.pid());

        startedByScript = script.descendants();
        assertThat(startedByScript).as("what run-local.sh started")
                .filteredOn(RunLocalScriptIT::isJava)
                .as("the broker, the four services, the auth server, the console and the embedded PostgreSQL's launcher")
                .hasSize(8);
        assertThat(startedByScript).filteredOn(process -> commandOf(process).endsWith("/bin/postgres"))
                .as("the embedded PostgreSQL's processes").isNotEmpty();
        assertThat(startedByScript).filteredOn(process -> commandOf(process).endsWith("/tail")).as("log followers").hasSize(7);
        assertThat(startedByScript).filteredOn(process -> commandOf(process).endsWith("awk")).as("their filters").hasSize(7);

        signalGroup(script.pid(), "INT");
        script.awaitExit(Duration.ofSeconds(10));
        if (script.isAlive()) {
            signalGroup(script.pid(), "KILL");
        }

        await("every process run-local.sh started gone").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(startedByScript).filteredOn(ProcessHandle::isAlive)
                        .extracting(process -> process.pid() + " " + commandOf(process)).isEmpty());
        assertThat(ports).as("ports still taken after run-local.sh was stopped")
                .allSatisfy((variable, port) -> assertThat(FreePorts.isFree(port)).as("%s %d free", variable, port).isTrue());
    }

    private Map<String, String> ownPortsAndFolders() {
        for (String variable : List.of("GATEWAY_PORT", "AUTH_SERVER_PORT", "CONSOLE_PORT", "ORDER_SERVICE_PORT", "INVENTORY_SERVICE_PORT",
                "NOTIFICATION_SERVICE_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT")) {
            ports.put(variable, FreePorts.next());
        }
        Map<String, String> environment = new LinkedHashMap<>();
        ports.forEach((variable, port) -> environment.put(variable, port.toString()));
        environment.put("ORDERFLOW_DB_PREFIX", databasePrefix);
        environment.put("ORDERFLOW_LOCAL_RUN_DIR", runDirectory.toString());
        // The script's own patience per process, as long as this test's: on two busy cores a JVM can take minutes.
        environment.put("ORDERFLOW_STARTUP_TIMEOUT", "300");
        return environment;
    }

    private void placeAnOrderOnceReady() {
        await("run-local.sh reporting orderflow ready").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    script.requireAlive();
                    return script.log().contains("orderflow is ready");
                });
        Matcher gatewayUrl = GATEWAY_URL.matcher(script.log());
        assertThat(gatewayUrl.find()).as("gateway URL in the output of run-local.sh").isTrue();
        assertThat(gatewayUrl.group(1)).isEqualTo("http://127.0.0.1:" + ports.get("GATEWAY_PORT"));
        GatewayClient gateway = new GatewayClient(URI.create(gatewayUrl.group(1)),
                AccessTokens.loadTest(URI.create("http://localhost:" + ports.get("AUTH_SERVER_PORT") + "/")));

        String sku = "RUN-LOCAL-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(gateway.setStock(sku, 3).status()).isEqualTo(200);
        String orderId = gateway.placeOrder("c-run-local", line(sku, 2)).field("orderId");
        await("order " + orderId + " CONFIRMED").atMost(Duration.ofSeconds(30))
                .until(() -> gateway.order(orderId).field("status"), "CONFIRMED"::equals);
    }

    private static boolean isJava(ProcessHandle process) {
        return commandOf(process).endsWith("/java");
    }

    private static String commandOf(ProcessHandle process) {
        return process.info().command().orElse("");
    }

    /** The fifth field of /proc/<pid>/stat, after the command in parentheses. */
    private static long processGroupOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }

    private static void signalGroup(long processGroup, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + processGroup).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void leaveNothingBehind() {
        if (script != null && script.isAlive()) {
            startedByScript = script.descendants();
            script.stop(Duration.ofMinutes(2));
        }
        // Only after a failure can anything still run here; a crashed script must not leave a broker behind.
        startedByScript.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        postgres.dropDatabases(Stream.of("orders", "inventory", "notifications").map(name -> databasePrefix + name).toList());
    }
}
