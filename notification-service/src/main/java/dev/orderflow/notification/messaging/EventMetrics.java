package dev.orderflow.notification.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The event counters every service publishes (ADR 3), tagged with this service's consumer group. */
@Component
public class EventMetrics {

    /** Type tag of a record that never became an event: its header value is not trusted as a tag. */
    static final String UNREADABLE = "unreadable";

    private final Meter.MeterProvider<Counter> handled;
    private final Meter.MeterProvider<Counter> duplicates;
    private final Meter.MeterProvider<Counter> outOfOrder;

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
    }

    void handled(String type, String outcome) {
        handled.withTags("type", type, "outcome", outcome).increment();
    }

    void duplicate(String type) {
        duplicates.withTags("type", type).increment();
    }

    void outOfOrder(String type) {
        outOfOrder.withTags("type", type).increment();
    }
}
