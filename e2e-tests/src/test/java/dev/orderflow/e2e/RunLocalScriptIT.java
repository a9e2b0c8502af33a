package dev.orderflow.e2e;

import static dev.orderflow.e2e.GatewayClient.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-local.sh} as a developer uses it: it brings the whole system up, the system works, and
 * SIGTERM (what Ctrl-C amounts to) stops everything and frees every port. Runs beside a default local run:
 * its own ports, databases and data folder.
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
        for (String variable : List.of("GATEWAY_PORT", "ORDER_SERVICE_PORT", "INVENTORY_SERVICE_PORT",
                "NOTIFICATION_SERVICE_PORT", "KAFKA_PORT", "KAFKA_CONTROLLER_PORT")) {
            ports.put(variable, FreePorts.next());
        }
        Map<String, String> environment = new LinkedHashMap<>();
        ports.forEach((variable, port) -> environment.put(variable, port.toString()));
        environment.put("ORDERFLOW_DB_PREFIX", databasePrefix);
        environment.put("ORDERFLOW_LOCAL_RUN_DIR", runDirectory.toString());
        environment.put("PGHOST", postgres.host());
        environment.put("PGPORT", Integer.toString(postgres.port()));
        environment.put("PGUSER", postgres.user());
        environment.put("PGPASSWORD", postgres.password());

        script = ManagedProcess.start("run-local", List.of("./run-local.sh", "--no-build"), environment, layout.root(),
                layout.logDirectory().resolve("run-local.log"));

        await("run-local.sh reporting orderflow ready").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    script.requireAlive();
                    return script.log().contains("orderflow is ready");
                });
        Matcher gatewayUrl = GATEWAY_URL.matcher(script.log());
        assertThat(gatewayUrl.find()).as("gateway URL in the output of run-local.sh").isTrue();
        assertThat(gatewayUrl.group(1)).isEqualTo("http://127.0.0.1:" + ports.get("GATEWAY_PORT"));
        GatewayClient gateway = new GatewayClient(URI.create(gatewayUrl.group(1)));

        String sku = "RUN-LOCAL-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(gateway.setStock(sku, 3).status()).isEqualTo(200);
        String orderId = gateway.placeOrder("c-run-local", line(sku, 2)).field("orderId");
        await("order " + orderId + " CONFIRMED").atMost(Duration.ofSeconds(30))
                .until(() -> gateway.order(orderId).field("status"), "CONFIRMED"::equals);

        startedByScript = script.descendants();
        assertThat(startedByScript).as("JVMs run-local.sh started: the broker and the four services")
                .filteredOn(process -> process.info().command().orElse("").endsWith("/java"))
                .hasSize(5);
        // The script stops the services, then the broker, each phase allowed 30 s before it kills.
        script.stop(Duration.ofMinutes(2));

        assertThat(script.exitValue()).as("exit status of run-local.sh after SIGTERM").isZero();
        assertThat(startedByScript).as("processes still alive after run-local.sh exited")
                .noneMatch(ProcessHandle::isAlive);
        assertThat(ports).as("ports still taken after run-local.sh exited")
                .allSatisfy((variable, port) -> assertThat(FreePorts.isFree(port)).as("%s %d free", variable, port).isTrue());
        assertThat(script.log()).contains("stopped");
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
