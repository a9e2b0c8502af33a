package dev.orderflow.messaging.outbox;

import dev.orderflow.events.Event;
import dev.orderflow.events.EventJson;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as a row of {@code outbox_events} (ADR 1), its JSON written by the contract module.
 *
 * @param traceparent W3C {@code traceparent} of the work that wrote it, continued by the relay; {@code null} outside a trace
 */
public record OutboxMessage(UUID eventId, UUID aggregateId, String topic, String eventType, String payload,
        Instant createdAt, String traceparent) {

    public static OutboxMessage of(String topic, Event event, String traceparent) {
        return new OutboxMessage(event.eventId(), event.orderId(), topic, event.eventType(), EventJson.writeString(event),
                event.occurredAt(), traceparent);
    }
}
