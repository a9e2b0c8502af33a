package dev.orderflow.inventory.messaging;

import dev.orderflow.events.Event;
import dev.orderflow.events.EventJson;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event written with the change it reports, waiting for the relay to publish it (ADR 1). */
@Entity
@Table(name = "outbox_events")
class OutboxEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private UUID eventId;

    private UUID aggregateId;

    private String topic;

    private String eventType;

    private String payload;

    private Instant createdAt;

    /** W3C {@code traceparent} of the work that wrote the row; {@code null} outside a trace. */
    private String traceparent;

    protected OutboxEvent() {
    }

    static OutboxEvent of(String topic, Event event, String traceparent) {
        OutboxEvent entry = new OutboxEvent();
        entry.eventId = event.eventId();
        entry.aggregateId = event.orderId();
        entry.topic = topic;
        entry.eventType = event.eventType();
        entry.payload = EventJson.writeString(event);
        entry.createdAt = event.occurredAt();
        entry.traceparent = traceparent;
        return entry;
    }

    Long getId() {
        return id;
    }

    UUID getEventId() {
        return eventId;
    }

    UUID getAggregateId() {
        return aggregateId;
    }

    String getTopic() {
        return topic;
    }

    String getEventType() {
        return eventType;
    }

    String getPayload() {
        return payload;
    }

    String getTraceparent() {
        return traceparent;
    }
}
