package dev.orderflow.e2e.compose;

import dev.orderflow.e2e.AccessTokens;
import dev.orderflow.e2e.FreePorts;
import dev.orderflow.e2e.GatewayClient;
import dev.orderflow.e2e.KafkaAccess;
import dev.orderflow.e2e.ProjectLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system as {@code docker compose up --build} runs it from the repository's {@code docker-compose.yml}, under a
 * project name and host ports of its own (beside a developer's own {@code orderflow} project), reached only through
 * what compose publishes on 127.0.0.1: the gateway, Kafka's listeners, and {@code docker compose logs}.
 *
 * <p>{@code ORDERFLOW_COMPOSE_ENV_FILE} names an env file passed as {@code --env-file}, e.g.
 * {@code docker/stand-ins/stand-ins.env} where no image registry is reachable. {@link #close()} keeps every
 * container's log in {@code target/e2e-logs/compose/} and removes the project with its volumes.
 */
final class ComposeSystem implements KafkaAccess, AutoCloseable {

    static final String ENV_FILE_VARIABLE = "ORDERFLOW_COMPOSE_ENV_FILE";

    private static final Logger log = LoggerFactory.getLogger(ComposeSystem.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

    private final ProjectLayout layout;
    private final String project = "orderflow-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> ports = new LinkedHashMap<>();
    private boolean closed;

    private ComposeSystem(ProjectLayout layout) {
        this.layout = layout;
        for (String variable : List.of("GATEWAY_PORT", "AUTH_SERVER_PORT", "KAFKA_1_PORT", "KAFKA_2_PORT", "KAFKA_3_PORT",
                "POSTGRES_PORT")) {
            ports.put(variable, Integer.toString(FreePorts.next()));
        }
    }

    /** Empty when an engine answers and {@code docker compose} is Compose v2; otherwise why the suite cannot run. */
    static Optional<String> whyItCannotRun() {
        Result info = Result.of(List.of("docker", "info", "--format", "{{.ServerVersion}}"), Map.of(), Duration.ofSeconds(30));
        if (info.exitCode != 0) {
            return Optional.of("no Docker engine answers (`docker info`: " + info.lastLine()
                    + "); docker/engine.sh start starts one");
        }
        Result compose = Result.of(List.of("docker", "compose", "version", "--short"), Map.of(), Duration.ofSeconds(30));
        if (compose.exitCode != 0) {
            return Optional.of("Docker " + info.lastLine() + " answers, but `docker compose` (Compose v2) is missing: "
                    + compose.lastLine());
        }
        return Optional.empty();
    }

    /** Builds every image from its Dockerfile and starts the system; returns once every container is healthy. */
    static ComposeSystem up(ProjectLayout layout, Duration timeout) {
        buildStandInsIfNamed(layout);
        ComposeSystem system = new ComposeSystem(layout);
        Runtime.getRuntime().addShutdownHook(new Thread(system::close, "compose-down-" + system.project));
        log.info("docker compose project {}: building the images and starting the system, ports {}", system.project, system.ports);
        long started = System.nanoTime();
        Result up = system.compose(timeout, "up", "--detach", "--build", "--wait", "--wait-timeout", Long.toString(timeout.toSeconds()));
        system.writeLog("compose-up.log", up.output);
        if (up.exitCode != 0) {
            system.close();
            throw new IllegalStateException("docker compose up failed (exit " + up.exitCode + "); see "
                    + layout.logDirectory().resolve("compose") + ":\n" + up.tail(40));
        }
        log.info("docker compose project {} is up and healthy after {} s", system.project,
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        return system;
    }

    /** With the stand-ins' env file, their images are built first (a no-op when they are up to date). */
    private static void buildStandInsIfNamed(ProjectLayout layout) {
        String envFile = System.getenv(ENV_FILE_VARIABLE);
        Path standIns = layout.root().resolve("docker/stand-ins/stand-ins.env");
        if (envFile == null || envFile.isBlank() || !layout.root().resolve(envFile).normalize().equals(standIns)) {
            return;
        }
        Path script = standIns.resolveSibling("build.sh");
        log.info("building the stand-in base images with {}", script);
        Result build = Result.of(List.of(script.toString()), Map.of(), Duration.ofMinutes(15));
        if (build.exitCode != 0) {
            throw new IllegalStateException(script + " failed (exit " + build.exitCode + "):\n" + build.tail(30));
        }
        log.info("{}", build.lastLine());
    }

    URI gatewayUrl() {
        return URI.create("http://127.0.0.1:" + ports.get("GATEWAY_PORT") + "/");
    }

    /** The published gateway, called with a token of the {@code load-test} client from the published auth server. */
    GatewayClient gateway() {
        return new GatewayClient(gatewayUrl(), AccessTokens.loadTest(authServerUrl()));
    }

    /** {@code http://localhost:<published port>/}, the host name the tokens' issuer names. */
    URI authServerUrl() {
        return URI.create("http://localhost:" + ports.get("AUTH_SERVER_PORT") + "/");
    }

    @Override
    public String bootstrapServers() {
        return List.of(1, 2, 3).stream().map(node -> "127.0.0.1:" + ports.get("KAFKA_" + node + "_PORT"))
                .collect(Collectors.joining(","));
    }

    /** What {@code docker compose logs} shows of these services, every instance's lines, without the name prefix. */
    List<String> logs(String... services) {
        List<String> arguments = new ArrayList<>(List.of("logs", "--no-color", "--no-log-prefix"));
        arguments.addAll(Arrays.asList(services));
        return check(compose(COMMAND_TIMEOUT, arguments.toArray(String[]::new))).output.lines().toList();
    }

    /** The containers of a service, e.g. {@code orderflow-e2e-1a2b3c4d-inventory-service-2}, in instance order. */
    List<String> containers(String service) {
        return check(Result.of(List.of("docker", "ps", "--all", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=" + service, "--format", "{{.Names}}"), Map.of(), COMMAND_TIMEOUT))
                .output.lines().sorted().toList();
    }

    List<String> containerLogs(String container) {
        return check(Result.of(List.of("docker", "logs", container), Map.of(), COMMAND_TIMEOUT)).output.lines().toList();
    }

    /** {@code docker compose kill}: SIGKILL, no shutdown of any kind. */
    void kill(String service) {
        check(compose(COMMAND_TIMEOUT, "kill", service));
    }

    /** Starts a stopped service and waits until its health check passes. */
    void start(String service) {
        check(compose(COMMAND_TIMEOUT, "start", service));
        awaitHealthy(service);
    }

    /**
     * {@code docker compose restart}: SIGTERM (the application shuts down gracefully), then a new start; returns once
     * the health check passes again.
     */
    void restart(String service) {
        check(compose(COMMAND_TIMEOUT, "restart", service));
        awaitHealthy(service);
    }

    /** Waits until every container of the service reports {@code healthy}, as {@code up --wait} does. */
    void awaitHealthy(String service) {
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        while (true) {
            List<String> states = new ArrayList<>();
            for (String container : containers(service)) {
                states.add(check(Result.of(List.of("docker", "inspect", "--format", "{{.State.Health.Status}}", container),
                        Map.of(), COMMAND_TIMEOUT)).output.strip());
            }
            if (!states.isEmpty() && states.stream().allMatch("healthy"::equals)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service + " not healthy within " + COMMAND_TIMEOUT + ": " + states);
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted waiting for " + service, e);
            }
        }
    }

    /** {@code docker compose up --scale}: adds or removes instances, leaving the running ones as they are. */
    void scale(String service, int instances) {
        check(compose(COMMAND_TIMEOUT, "up", "--detach", "--no-recreate", "--no-deps", "--wait",
                "--scale", service + "=" + instances, service));
    }

    /** {@code docker compose exec} in the service's first container; returns what the command printed. */
    String exec(String service, String... command) {
        List<String> arguments = new ArrayList<>(List.of("exec", "-T", service));
        arguments.addAll(Arrays.asList(command));
        return check(compose(COMMAND_TIMEOUT, arguments.toArray(String[]::new))).output;
    }

    /** {@code docker compose down} without {@code --volumes}, then {@code up} again (no build): the data must survive. */
    void downAndUpAgain(Duration timeout) {
        check(compose(COMMAND_TIMEOUT, "down", "--timeout", "20"));
        check(compose(timeout, "up", "--detach", "--wait", "--wait-timeout", Long.toString(timeout.toSeconds())));
    }

    /** The Kafka node ({@code kafka-N}) that leads the most partitions of {@code topic} now. */
    String leaderOfMostPartitions(String topic) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<Integer, Long> led = description.partitions().stream()
                    .collect(Collectors.groupingBy(partition -> partition.leader().id(), Collectors.counting()));
            return "kafka-" + led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe " + topic + ": " + e, e);
        }
    }

    /** Per partition of {@code topic}, the ids of its in-sync replicas. */
    Map<Integer, List<Integer>> inSyncReplicas(String topic) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            Map<Integer, List<Integer>> isr = new LinkedHashMap<>();
            description.partitions().forEach(partition -> isr.put(partition.partition(), partition.isr().stream().map(Node::id).toList()));
            return isr;
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe " + topic + ": " + e, e);
        }
    }

    /** Keeps every container's log, then {@code docker compose down --volumes}; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Result ps = Result.of(List.of("docker", "ps", "--all", "--filter", "label=com.docker.compose.project=" + project,
                    "--format", "{{.Names}}"), Map.of(), COMMAND_TIMEOUT);
            for (String container : ps.output.lines().toList()) {
                writeLog(container + ".log", Result.of(List.of("docker", "logs", container), Map.of(), COMMAND_TIMEOUT).output);
            }
        } catch (RuntimeException e) {
            log.warn("Could not keep the containers' logs of {}: {}", project, e.toString());
        }
        Result down = compose(COMMAND_TIMEOUT, "down", "--volumes", "--remove-orphans", "--timeout", "10");
        if (down.exitCode != 0) {
            log.warn("docker compose down of {} failed: {}", project, down.tail(10));
        }
    }

    private Result compose(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "--progress", "plain", "--project-name", project,
                "--file", layout.root().resolve("docker-compose.yml").toString()));
        String envFile = System.getenv(ENV_FILE_VARIABLE);
        if (envFile != null && !envFile.isBlank()) {
            command.addAll(List.of("--env-file", layout.root().resolve(envFile).toString()));
        }
        command.addAll(Arrays.asList(arguments));
        return Result.of(command, ports, timeout);
    }

    private void writeLog(String name, String content) {
        try {
            Path directory = Files.createDirectories(layout.logDirectory().resolve("compose"));
            Files.writeString(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result check(Result result) {
        if (result.exitCode != 0) {
            throw new IllegalStateException(String.join(" ", result.command) + " failed (exit " + result.exitCode + "):\n" + result.tail(20));
        }
        return result;
    }

    /** A finished command: its exit code and its output (stdout and stderr together). */
    private record Result(List<String> command, int exitCode, String output) {

        static Result of(List<String> command, Map<String, String> environment, Duration timeout) {
            try {
                Path output = Files.createTempFile("docker-", ".out");
                try {
                    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                    builder.environment().putAll(environment);
                    Process process = builder.start();
                    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly();
                        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
                    }
                    return new Result(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
                } finally {
                    Files.deleteIfExists(output);
                }
            } catch (IOException e) {
                return new Result(command, -1, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted running " + command, e);
            }
        }

        String lastLine() {
            List<String> lines = output.strip().lines().toList();
            return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
        }

        String tail(int count) {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }
    }
}
