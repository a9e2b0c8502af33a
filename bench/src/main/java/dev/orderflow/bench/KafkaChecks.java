package dev.orderflow.bench;

import dev.orderflow.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** What the benchmark asks Kafka itself: consumer groups' progress, dead letters, a scratch topic. */
final class KafkaChecks implements AutoCloseable {

    /** Who reads what, from docs/CONTRACT.md. */
    private static final Map<String, String> GROUP_TOPICS = Map.of(
            "inventory-service", Topics.ORDER_EVENTS,
            "notification-service", Topics.ORDER_EVENTS,
            "order-service", Topics.INVENTORY_EVENTS);
    private static final List<String> DEAD_LETTER_TOPICS = List.of(
            Topics.deadLetterOf(Topics.ORDER_EVENTS), Topics.deadLetterOf(Topics.INVENTORY_EVENTS));

    private final Admin admin;

    KafkaChecks(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** Records in both dead-letter topics; a topic not created yet holds none. */
    long deadLetterRecords() {
        long total = 0;
        for (String topic : DEAD_LETTER_TOPICS) {
            total += endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
        }
        return total;
    }

    /**
     * Waits until every group has committed the end of every partition it reads, twice in a row a second apart: an
     * answer on inventory-events makes new order-events, so one look is not enough. False when the timeout passed.
     */
    boolean awaitConsumersCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietLooks = 0;
        while (System.nanoTime() < deadline) {
            quietLooks = everyGroupCaughtUp() ? quietLooks + 1 : 0;
            if (quietLooks == 2) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    void createTopic(String topic, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException failure) {
            if (!(failure.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + failure.getCause().getMessage(), failure);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, interrupted);
        }
    }

    private boolean everyGroupCaughtUp() {
        for (Map.Entry<String, String> groupTopic : GROUP_TOPICS.entrySet()) {
            Map<TopicPartition, Long> ends = endOffsets(groupTopic.getValue());
            Map<TopicPartition, OffsetAndMetadata> committed = get(
                    admin.listConsumerGroupOffsets(groupTopic.getKey()).partitionsToOffsetAndMetadata());
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata position = committed.get(end.getKey());
                long at = position == null ? 0 : position.offset();
                if (at < end.getValue()) {
                    return false;
                }
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        List<TopicPartition> partitions;
        try {
            partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
        } catch (ExecutionException failure) {
            if (failure.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of();
            }
            throw new IllegalStateException("cannot describe " + topic + ": " + failure.getCause().getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, interrupted);
        }
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        return get(admin.listOffsets(latest).all()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException failure) {
            throw new IllegalStateException("Kafka: " + failure.getCause().getMessage(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka", interrupted);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
