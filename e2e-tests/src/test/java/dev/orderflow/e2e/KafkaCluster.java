package dev.orderflow.e2e;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of {@code size} KRaft nodes in combined mode, one controller quorum, each node its own JVM
 * on free ports with its data under {@code e2e-tests/target/e2e-kafka/node-N}: the shape of the
 * {@code kafka-1}..{@code kafka-3} services of docker-compose.yml.
 */
public final class KafkaCluster implements KafkaAccess, AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final List<KafkaBroker> brokers;

    private KafkaCluster(List<KafkaBroker> brokers) {
        this.brokers = brokers;
    }

    /** Formats every node with one cluster id, starts them together and waits until all of them are in the cluster. */
    public static KafkaCluster start(ProjectLayout layout, int size, Path workDirectory, Function<Integer, Path> logFileOfNode) {
        List<KafkaBroker> brokers = IntStream.rangeClosed(1, size)
                .mapToObj(nodeId -> new KafkaBroker(layout, nodeId, workDirectory.resolve("node-" + nodeId),
                        logFileOfNode.apply(nodeId)))
                .toList();
        KafkaCluster cluster = new KafkaCluster(brokers);
        try {
            String clusterId = Uuid.randomUuid().toString();
            String voters = brokers.stream().map(broker -> broker.nodeId() + "@127.0.0.1:" + broker.controllerPort())
                    .collect(Collectors.joining(","));
            brokers.parallelStream().forEach(broker -> broker.format(clusterId, voters));
            brokers.forEach(KafkaBroker::launch);
            cluster.awaitAllInCluster();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<KafkaBroker> brokers() {
        return brokers;
    }

    /** The node with this id (1-based, as {@code kafka-1} in docker-compose.yml). */
    public KafkaBroker broker(int nodeId) {
        return brokers.get(nodeId - 1);
    }

    @Override
    public String bootstrapServers() {
        return brokers.stream().map(KafkaBroker::address).collect(Collectors.joining(","));
    }

    /** The node that leads the most partitions of {@code topic} now. */
    public KafkaBroker leaderOfMostPartitions(String topic) {
        Map<Integer, Long> partitionsLed = partitionsOf(topic).stream()
                .map(TopicPartitionInfo::leader)
                .filter(leader -> leader != null && !leader.isEmpty())
                .collect(Collectors.groupingBy(Node::id, Collectors.counting()));
        return partitionsLed.entrySet().stream()
                .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(entry -> broker(entry.getKey()))
                .orElseThrow(() -> new IllegalStateException(topic + " has no partition with a leader"));
    }

    /** For each partition of {@code topic}, the ids of its replicas that are in sync. */
    public Map<Integer, List<Integer>> inSyncReplicas(String topic) {
        return partitionsOf(topic).stream().collect(Collectors.toMap(TopicPartitionInfo::partition,
                partition -> partition.isr().stream().map(Node::id).sorted().toList()));
    }

    /**
     * Freezes every node (SIGSTOP): clients' connections stay open but nothing answers, as when the cluster is cut
     * off from the network. Keep it short: a group member whose heartbeats stop for longer than its session
     * timeout is dropped when the nodes {@link #resume()}.
     */
    public void pause() {
        brokers.forEach(broker -> broker.process().pause());
    }

    /** Lets every node run again after {@link #pause()}. */
    public void resume() {
        brokers.forEach(broker -> broker.process().resume());
    }

    /** Starts a killed node again on its ports and data, and waits until it is back in the cluster. */
    public void restart(KafkaBroker broker) {
        broker.launch();
        awaitAllInCluster();
    }

    @Override
    public void close() {
        ManagedProcess.stopAll(brokers.stream().map(KafkaBroker::process).filter(process -> process != null).toList());
    }

    private List<TopicPartitionInfo> partitionsOf(String topic) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS).get(topic);
            return description.partitions();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing " + topic, e);
        }
    }

    private void awaitAllInCluster() {
        await("all " + brokers.size() + " Kafka nodes registered in the cluster").atMost(STARTUP_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    brokers.forEach(broker -> broker.process().requireAlive());
                    return registeredNodes() == brokers.size();
                });
    }

    private int registeredNodes() {
        try (Admin admin = admin()) {
            return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
