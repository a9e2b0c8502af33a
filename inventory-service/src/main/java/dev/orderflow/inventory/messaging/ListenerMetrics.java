package dev.orderflow.inventory.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The listener's counters (ADR 3): {@code orderflow.events.handled{group,type,outcome}},
 * {@code orderflow.events.duplicates{group,type}} and {@code orderflow.events.out.of.order{group,type}}.
 * Each tag set's counter is looked up once and kept, so handling an event costs a map read, not a registry lookup.
 */
@Component
class ListenerMetrics {

    private record Key(String type, String outcome) {
    }

    private final MeterRegistry registry;
    private final String group;
    private final Map<Key, Counter> handled = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
    private final Map<String, Counter> outOfOrder = new ConcurrentHashMap<>();

    ListenerMetrics(MeterRegistry registry, @Value("${spring.kafka.consumer.group-id}") String group) {
        this.registry = registry;
        this.group = group;
    }

    String group() {
        return group;
    }

    void handled(String type, String outcome) {
        handled.computeIfAbsent(new Key(type, outcome), key -> registry.counter("orderflow.events.handled",
                "group", group, "type", key.type(), "outcome", key.outcome())).increment();
    }

    void duplicate(String type) {
        duplicates.computeIfAbsent(type, key -> registry.counter("orderflow.events.duplicates",
                "group", group, "type", key)).increment();
    }

    void outOfOrder(String type) {
        outOfOrder.computeIfAbsent(type, key -> registry.counter("orderflow.events.out.of.order",
                "group", group, "type", key)).increment();
    }
}
