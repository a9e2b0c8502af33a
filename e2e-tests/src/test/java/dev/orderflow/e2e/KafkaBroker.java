package dev.orderflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node of a {@link KafkaCluster}: a real Apache Kafka broker in KRaft combined mode (broker and controller
 * in one JVM) from the classpath the {@code kafka-broker} module copies. Its ports and data folder stay the
 * same for its whole life, so after {@link #kill()} it can {@link #restart()} as the same node with the same
 * log, as a crashed machine that reboots would.
 */
public final class KafkaBroker implements AutoCloseable {

    private final int nodeId;
    private final int port;
    private final int controllerPort;
    private final Path workDirectory;
    private final Path logFile;
    private final ProjectLayout layout;
    private ManagedProcess process;

    KafkaBroker(ProjectLayout layout, int nodeId, Path workDirectory, Path logFile) {
        this.layout = layout;
        this.nodeId = nodeId;
        this.port = FreePorts.next();
        this.controllerPort = FreePorts.next();
        this.workDirectory = workDirectory;
        this.logFile = logFile;
    }

    /** Empties the work folder and writes the node's configuration and formatted storage; does not start it. */
    void format(String clusterId, String quorumVoters) {
        Directories.deleteRecursively(workDirectory);
        writeProperties(quorumVoters);
        // Formatting is a separate short-lived JVM, as with Kafka's own kafka-storage.sh.
        ManagedProcess format = ManagedProcess.start("kafka-storage-format-" + nodeId,
                javaCommand(layout, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties().toString()),
                Map.of(), workDirectory, workDirectory.resolve("format.log"));
        format.awaitExit(Duration.ofSeconds(60));
        if (format.exitValue() != 0) {
            throw new IllegalStateException("Formatting the storage of Kafka node " + nodeId + " failed with status "
                    + format.exitValue() + ":" + System.lineSeparator() + format.log());
        }
    }

    /** Starts the node's JVM (the first time, or again after {@link #kill()}), appending to its log. */
    void launch() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Kafka node " + nodeId + " is already running");
        }
        process = ManagedProcess.start("kafka-" + nodeId, javaCommand(layout, "kafka.Kafka", properties().toString()),
                Map.of(), workDirectory, logFile, process != null);
    }

    public int nodeId() {
        return nodeId;
    }

    public int port() {
        return port;
    }

    int controllerPort() {
        return controllerPort;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public ManagedProcess process() {
        return process;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the node vanishes without handing over its partitions' leadership. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    private Path properties() {
        return workDirectory.resolve("server.properties");
    }

    private static List<String> javaCommand(ProjectLayout layout, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + layout.brokerLogConfiguration(),
                "-cp", layout.brokerLibraries() + "/*",
                mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    /*
     * The keys run-local.sh writes for one node, for three: every node votes in the controller quorum; the
     * internal topics and (as the services' defaults) the application topics are replicated three times
     * and need two in-sync replicas to accept a write, so one node can die without losing an acknowledged
     * record; an out-of-sync replica never becomes leader. These match the Kafka nodes in docker-compose.yml.
     */
    private void writeProperties(String quorumVoters) {
        String properties = """
                process.roles=broker,controller
                node.id=%1$d
                controller.quorum.voters=%4$s
                controller.listener.names=CONTROLLER
                listeners=PLAINTEXT://127.0.0.1:%2$d,CONTROLLER://127.0.0.1:%3$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%2$d
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%5$s
                offsets.topic.replication.factor=3
                transaction.state.log.replication.factor=3
                transaction.state.log.min.isr=2
                share.coordinator.state.topic.replication.factor=3
                share.coordinator.state.topic.min.isr=2
                default.replication.factor=3
                min.insync.replicas=2
                unclean.leader.election.enable=false
                auto.create.topics.enable=false
                group.initial.rebalance.delay.ms=0
                """.formatted(nodeId, port, controllerPort, quorumVoters, workDirectory.resolve("data"));
        try {
            Files.createDirectories(workDirectory);
            Files.writeString(properties(), properties);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + properties(), e);
        }
    }
}
