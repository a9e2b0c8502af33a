package dev.orderflow.bench;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code order-events} from its end onwards, alongside the load, and keeps this run's orders' events. When an
 * order was decided is the {@code occurredAt} of its OrderConfirmed or OrderRejected: the system's own record of
 * it, not the moment a poll happened to notice. An event may be read before the 202 carrying its order's id
 * arrives, so events are kept by order id and joined with the ledger afterwards.
 */
final class EventLatencyTracker implements AutoCloseable {

    private static final int FETCH_MIN_BYTES = 256 * 1024;
    /** Also the longest an order's completion waits to be noticed, when the backlog is awaited after a phase. */
    private static final int FETCH_MAX_WAIT_MS = 200;

    private final Consumer<String, byte[]> consumer;
    private final String customerPrefix;
    private final Timeline timeline;
    /** Written by the reading thread only, read after it has stopped. */
    private final Map<UUID, List<SeenEvent>> eventsByOrder = new HashMap<>();
    private final Map<UUID, Long> completedAt = new ConcurrentHashMap<>();
    private final Map<UUID, Long> decidedAt = new ConcurrentHashMap<>();
    private final Thread reader;

    EventLatencyTracker(String bootstrapServers, String customerPrefix, Timeline timeline) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-event-latency",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // Latencies come from the events' occurredAt, not from when they arrive here, so the broker may hold
                // a fetch until it has a batch. With Kafka's defaults it answers as soon as one record is there: a
                // fetch for nearly every batch the relay publishes, on the cores of the system being measured.
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.customerPrefix = customerPrefix;
        this.timeline = timeline;
        this.reader = new Thread(this::readUntilClosed, "bench-event-reader");
    }

    /**
     * Without a consumer group: every partition assigned, positioned at its end before the load starts, so nothing
     * of this run is missed and nothing is committed.
     */
    void start() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORDER_EVENTS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: asking for the positions fixes them now, not at the first poll after the load began.
        partitions.forEach(consumer::position);
        reader.start();
    }

    /** When the order's stock was decided (OrderConfirmed or OrderRejected), in epoch microseconds; null if not yet. */
    Long decidedAt(UUID orderId) {
        return decidedAt.get(orderId);
    }

    /** When the last of these orders reached a final status; empty if one has not. */
    OptionalLong lastCompletion(Collection<UUID> orderIds) {
        long last = Long.MIN_VALUE;
        for (UUID orderId : orderIds) {
            Long at = completedAt.get(orderId);
            if (at == null) {
                return OptionalLong.empty();
            }
            last = Math.max(last, at);
        }
        return orderIds.isEmpty() ? OptionalLong.empty() : OptionalLong.of(last);
    }

    /** Stops reading and returns every event of the run's orders, per order in the order they were read. */
    Map<UUID, List<SeenEvent>> stop() {
        consumer.wakeup();
        try {
            reader.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return eventsByOrder.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
    }

    @Override
    public void close() {
        if (reader.isAlive()) {
            stop();
        }
    }

    private void readUntilClosed() {
        try (consumer) {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    take(record);
                }
            }
        } catch (WakeupException stopping) {
            // stop() asked for it
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        OrderEvent event;
        try {
            event = EventJson.read(type == null ? null : new String(type.value(), StandardCharsets.UTF_8),
                    record.value(), OrderEvent.class);
        } catch (UnreadableEventException poison) {
            return; // not this run's: the services dead-letter it, and the check for dead letters reports it
        }
        if (!event.customerId().startsWith(customerPrefix)) {
            return;
        }
        SeenEvent seen = new SeenEvent(event.eventId(), event.eventType(), event.sequence(),
                BenchClock.epochMicros(event.occurredAt()));
        eventsByOrder.computeIfAbsent(event.orderId(), any -> new ArrayList<>()).add(seen);
        if (seen.isDecision()) {
            decidedAt.putIfAbsent(event.orderId(), seen.occurredAtEpochMicros());
        }
        if (seen.isFinal() && completedAt.putIfAbsent(event.orderId(), seen.occurredAtEpochMicros()) == null) {
            timeline.completed(seen.occurredAtEpochMicros());
        }
    }
}
