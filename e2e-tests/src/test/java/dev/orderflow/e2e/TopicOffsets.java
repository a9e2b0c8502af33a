package dev.orderflow.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** What the broker knows of a topic's partitions, per partition number: end offsets, records, a group's commits. */
public final class TopicOffsets {

    private TopicOffsets() {
    }

    public static int partitionCount(Admin admin, String topic) {
        return get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
    }

    /** The offset the next record of each partition will get. */
    public static Map<Integer, Long> endOffsets(Admin admin, String topic) {
        return offsets(admin, topic, OffsetSpec.latest());
    }

    /** How many records each partition holds now. */
    public static Map<Integer, Long> recordCounts(Admin admin, String topic) {
        Map<Integer, Long> earliest = offsets(admin, topic, OffsetSpec.earliest());
        Map<Integer, Long> counts = new TreeMap<>();
        endOffsets(admin, topic).forEach((partition, end) -> counts.put(partition, end - earliest.get(partition)));
        return counts;
    }

    /** The offset {@code group} has committed in each partition of {@code topic}; 0 where it has committed none. */
    public static Map<Integer, Long> committedOffsets(Admin admin, String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> committed =
                get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        Map<Integer, Long> offsets = new TreeMap<>();
        for (int partition = 0; partition < partitionCount(admin, topic); partition++) {
            OffsetAndMetadata commit = committed.get(new TopicPartition(topic, partition));
            offsets.put(partition, commit == null ? 0L : commit.offset());
        }
        return offsets;
    }

    private static Map<Integer, Long> offsets(Admin admin, String topic, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < partitionCount(admin, topic); partition++) {
            request.put(new TopicPartition(topic, partition), spec);
        }
        return get(admin.listOffsets(request).all()).entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().partition(), entry -> entry.getValue().offset(),
                        (first, second) -> first, TreeMap::new));
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka admin request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Kafka", e);
        }
    }
}
