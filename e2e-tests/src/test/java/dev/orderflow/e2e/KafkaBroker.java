package dev.orderflow.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, node 1) as its own JVM, from the
 * classpath the {@code kafka-broker} module copies, with a fresh data folder: the same broker
 * {@code run-local.sh} starts, on ports chosen by the test.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final int port;
    private final ManagedProcess process;

    private KafkaBroker(int port, ManagedProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Formats {@code dataDirectory} (emptied first), starts the broker and waits until it answers an admin client. */
    public static KafkaBroker start(ProjectLayout layout, Path workDirectory, Path logFile) {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path properties = workDirectory.resolve("server.properties");
        Path dataDirectory = workDirectory.resolve("data");
        Directories.deleteRecursively(workDirectory);
        writeProperties(properties, port, controllerPort, dataDirectory);

        // Formatting is a separate short-lived JVM, as with Kafka's own kafka-storage.sh; its output goes first in the log.
        ManagedProcess format = ManagedProcess.start("kafka-storage-format",
                javaCommand(layout, "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                        "-c", properties.toString()),
                Map.of(), workDirectory, workDirectory.resolve("format.log"));
        awaitExit(format);

        ManagedProcess process = ManagedProcess.start("kafka",
                javaCommand(layout, "kafka.Kafka", properties.toString()), Map.of(), workDirectory, logFile);
        KafkaBroker broker = new KafkaBroker(port, process);
        try {
            await("Kafka broker on port " + port + " answering").atMost(STARTUP_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(broker::answers);
            return broker;
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** An admin client for this broker; the caller closes it. */
    public Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(properties);
    }

    @Override
    public void close() {
        process.close();
    }

    private boolean answers() {
        process.requireAlive();
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> javaCommand(ProjectLayout layout, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-Dlog4j2.configurationFile=" + layout.brokerLogConfiguration(),
                "-cp", layout.brokerLibraries() + "/*",
                mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    private static void awaitExit(ManagedProcess format) {
        await("Kafka storage format").atMost(Duration.ofSeconds(60)).until(() -> !format.isAlive());
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Formatting Kafka's storage failed with status " + format.exitValue()
                    + ":" + System.lineSeparator() + format.log());
        }
    }

    // The same keys as run-local.sh writes; see there for why each one is set.
    private static void writeProperties(Path file, int port, int controllerPort, Path dataDirectory) {
        String properties = """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                controller.listener.names=CONTROLLER
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                auto.create.topics.enable=false
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, dataDirectory);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
