package dev.orderflow.inventory.messaging;

import dev.orderflow.events.Event;
import dev.orderflow.events.EventJson;
import java.time.Instant;
import java.util.UUID;

/**
 * An event written with the change it reports, waiting for the relay to publish it (ADR 1).
 *
 * @param id          the row's place in the outbox, {@code null} until it is stored
 * @param traceparent W3C {@code traceparent} of the work that wrote the row; {@code null} outside a trace
 */
record OutboxEvent(Long id, UUID eventId, UUID aggregateId, String topic, String eventType, String payload,
        Instant createdAt, String traceparent) {

    static OutboxEvent of(String topic, Event event, String traceparent) {
        return new OutboxEvent(null, event.eventId(), event.orderId(), topic, event.eventType(),
                EventJson.writeString(event), event.occurredAt(), traceparent);
    }
}
