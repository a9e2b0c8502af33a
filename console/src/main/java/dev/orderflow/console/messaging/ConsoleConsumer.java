package dev.orderflow.console.messaging;

import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.console.domain.DeadLetter;
import dev.orderflow.console.domain.DeadLetterLog;
import dev.orderflow.console.domain.OrderBoard;
import dev.orderflow.console.domain.SeenRecord;
import dev.orderflow.console.domain.TraceParent;
import dev.orderflow.events.Event;
import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.OrderRejected;
import dev.orderflow.events.StockRejected;
import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * The console's own consumer group: reads the event topics from their latest offsets at start (it shows what
 * happens, not history) and the last {@code dead-letters-kept} records of each dead-letter partition. It commits
 * nothing: after a restart it starts at the end again. It never creates a topic: one that does not exist yet is
 * picked up by the subscription pattern once a service creates it.
 */
@Component
public class ConsoleConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsoleConsumer.class);
    static final String TRACEPARENT = "traceparent";

    private final KafkaProperties kafka;
    private final ConsoleProperties properties;
    private final OrderBoard board;
    private final DeadLetterLog deadLetters;
    private final Clock clock;
    private final Set<TopicPartition> positioned = new HashSet<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile int partitionsReading;

    public ConsoleConsumer(KafkaProperties kafka, ConsoleProperties properties, OrderBoard board,
            DeadLetterLog deadLetters, Clock clock) {
        this.kafka = kafka;
        this.properties = properties;
        this.board = board;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Override
    public void start() {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, "orderflow-console");
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "orderflow-console");
        // Topics that appear later (a service creates them at its start) are found within this time.
        config.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5000);
        consumer = new KafkaConsumer<>(config);
        running = true;
        thread = new Thread(this::run, "console-consumer");
        thread.setDaemon(true);
        thread.start();
        log.info("Consumer group {} reads {} from their latest offsets and the last {} dead letters of each -dlt partition",
                config.get(ConsumerConfig.GROUP_ID_CONFIG), properties.topics(), properties.deadLettersKept());
    }

    private void run() {
        Pattern topics = Pattern.compile(properties.topics().stream().map(Pattern::quote)
                .collect(Collectors.joining("|", "^(", ")(" + Pattern.quote(Topics.DEAD_LETTER_SUFFIX) + ")?$")));
        try {
            consumer.subscribe(topics, new Positioning());
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // stop() asked for it
        } catch (RuntimeException e) {
            log.error("The console's consumer stopped; orders no longer appear until a restart", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        Instant now = clock.instant();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        String eventType = header(record, EventHeaders.EVENT_TYPE);
        String traceId = TraceParent.traceId(header(record, TRACEPARENT));
        UUID orderId = uuid(record.key());
        if (record.topic().endsWith(Topics.DEAD_LETTER_SUFFIX)) {
            String failure = header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
            Header original = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
            Long originalOffset = original != null && original.value().length == Long.BYTES
                    ? ByteBuffer.wrap(original.value()).getLong() : null;
            deadLetters.add(new DeadLetter(record.topic(), record.partition(), record.offset(), at, record.key(),
                    eventType, originalOffset, failure));
            if (orderId != null) {
                board.seen(orderId, null, new SeenRecord(record.topic(), record.partition(), record.offset(), at,
                        eventType, header(record, EventHeaders.EVENT_ID), 0, traceId, failure, true), now);
            }
            return;
        }
        Event event;
        try {
            event = EventJson.read(eventType, record.value(), Event.class);
        } catch (UnreadableEventException e) {
            log.debug("Not shown: {}-{}@{} is no event the console can read: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        // The console reads only what it shows, so it picks fields by type instead of handling every event type.
        String customerId = event instanceof OrderEvent orderEvent ? orderEvent.customerId() : null;
        String detail = event instanceof OrderRejected rejected ? rejected.reason()
                : event instanceof StockRejected rejected ? rejected.reason() : null;
        board.seen(event.orderId(), customerId, new SeenRecord(record.topic(), record.partition(), record.offset(), at,
                event.eventType(), event.eventId().toString(), event.sequence(), traceId, detail, false), now);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static UUID uuid(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Partitions positioned since start: from then on, every record written to them is seen. */
    public int partitionsReading() {
        return partitionsReading;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** First assignment of a partition: the end of an event topic, the last few records of a dead-letter topic. */
    private final class Positioning implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<TopicPartition> fresh = new ArrayList<>(partitions);
            fresh.removeAll(positioned);
            if (fresh.isEmpty()) {
                return;
            }
            List<TopicPartition> events = fresh.stream().filter(p -> !p.topic().endsWith(Topics.DEAD_LETTER_SUFFIX)).toList();
            List<TopicPartition> dlt = fresh.stream().filter(p -> p.topic().endsWith(Topics.DEAD_LETTER_SUFFIX)).toList();
            consumer.seekToEnd(events);
            // Resolved now rather than at the next poll, so that "reading" means every later record is seen.
            events.forEach(consumer::position);
            if (!dlt.isEmpty()) {
                Map<TopicPartition, Long> begin = consumer.beginningOffsets(dlt);
                Map<TopicPartition, Long> end = consumer.endOffsets(dlt);
                dlt.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - properties.deadLettersKept())));
            }
            positioned.addAll(fresh);
            partitionsReading = positioned.size();
            log.info("Console consumer now reads {} partition(s): {}", partitions.size(),
                    partitions.stream().map(TopicPartition::toString).sorted().collect(Collectors.joining(", ")));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }
    }
}
