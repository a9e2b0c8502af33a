package dev.orderflow.messaging.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event counters every consumer publishes (ADR 3), tagged with its consumer group:
 * {@code orderflow.events.handled{group,type,outcome}}, {@code .duplicates{group,type}}, {@code .out.of.order{group,type}},
 * {@code .dead.lettered{group,topic}} and {@code .failed.attempts{group,topic,exception}}. Each tag set's counter is
 * looked up once and kept, so handling an event costs a map read, not a registry lookup.
 */
public class EventMetrics {

    /** Type tag of a record that never became an event: its header value is not trusted as a tag. */
    public static final String UNREADABLE = "unreadable";

    private record Key(String first, String second) {
    }

    private final String group;
    private final Meter.MeterProvider<Counter> handled;
    private final Meter.MeterProvider<Counter> duplicates;
    private final Meter.MeterProvider<Counter> outOfOrder;
    private final Meter.MeterProvider<Counter> deadLettered;
    private final Meter.MeterProvider<Counter> failedAttempts;
    private final Map<Key, Counter> handledByKey = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicatesByType = new ConcurrentHashMap<>();
    private final Map<String, Counter> outOfOrderByType = new ConcurrentHashMap<>();

    public EventMetrics(MeterRegistry registry, String group) {
        this.group = group;
        this.handled = Counter.builder("orderflow.events.handled")
                .description("Events consumed, by outcome")
                .tag("group", group)
                .withRegistry(registry);
        this.duplicates = Counter.builder("orderflow.events.duplicates")
                .description("Redelivered events recognised and skipped")
                .tag("group", group)
                .withRegistry(registry);
        this.outOfOrder = Counter.builder("orderflow.events.out.of.order")
                .description("Events whose sequence was not the next one for their order")
                .tag("group", group)
                .withRegistry(registry);
        this.deadLettered = Counter.builder("orderflow.events.dead.lettered")
                .description("Records sent to the dead-letter topic, by source topic")
                .tag("group", group)
                .withRegistry(registry);
        this.failedAttempts = Counter.builder("orderflow.events.failed.attempts")
                .description("Failed attempts at a record, by source topic and innermost exception")
                .tag("group", group)
                .withRegistry(registry);
    }

    /** The consumer group these counters are tagged with. */
    public String group() {
        return group;
    }

    public void handled(String type, String outcome) {
        handledByKey.computeIfAbsent(new Key(type, outcome), key -> handled.withTags("type", key.first(),
                "outcome", key.second())).increment();
    }

    public void duplicate(String type) {
        duplicatesByType.computeIfAbsent(type, key -> duplicates.withTags("type", key)).increment();
    }

    public void outOfOrder(String type) {
        outOfOrderByType.computeIfAbsent(type, key -> outOfOrder.withTags("type", key)).increment();
    }

    /** Rare by nature, so not cached. */
    public void deadLettered(String topic) {
        deadLettered.withTags("topic", topic).increment();
    }

    /** Rare by nature, so not cached. */
    public void failedAttempt(String topic, String exception) {
        failedAttempts.withTags("topic", topic, "exception", exception).increment();
    }
}
