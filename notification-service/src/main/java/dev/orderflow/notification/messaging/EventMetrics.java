package dev.orderflow.notification.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The event counters every service publishes (ADR 3), tagged with this service's consumer group. Each tag set's
 * counter is looked up once and kept, so handling an event costs a map read, not a registry lookup.
 */
@Component
public class EventMetrics {

    /** Type tag of a record that never became an event: its header value is not trusted as a tag. */
    static final String UNREADABLE = "unreadable";

    private record Key(String type, String outcome) {
    }

    private final Meter.MeterProvider<Counter> handled;
    private final Meter.MeterProvider<Counter> duplicates;
    private final Meter.MeterProvider<Counter> outOfOrder;
    private final Meter.MeterProvider<Counter> deadLettered;
    private final Map<Key, Counter> handledByKey = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicatesByType = new ConcurrentHashMap<>();
    private final Map<String, Counter> outOfOrderByType = new ConcurrentHashMap<>();

    public EventMetrics(MeterRegistry registry, @Value("${spring.kafka.consumer.group-id}") String group) {
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
    }

    void handled(String type, String outcome) {
        handledByKey.computeIfAbsent(new Key(type, outcome), key -> handled.withTags("type", key.type(),
                "outcome", key.outcome())).increment();
    }

    void duplicate(String type) {
        duplicatesByType.computeIfAbsent(type, key -> duplicates.withTags("type", key)).increment();
    }

    void outOfOrder(String type) {
        outOfOrderByType.computeIfAbsent(type, key -> outOfOrder.withTags("type", key)).increment();
    }

    /** Rare by nature, so not cached. */
    void deadLettered(String topic) {
        deadLettered.withTags("topic", topic).increment();
    }
}
