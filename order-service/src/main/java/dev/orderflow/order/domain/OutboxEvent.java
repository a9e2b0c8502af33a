package dev.orderflow.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in the outbox to be published (ADR 1). Written in the transaction that made the change;
 * the relay publishes rows in {@code id} order and deletes them once Kafka has acknowledged them.
 */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent {

    /**
     * IDENTITY, not a pooled sequence: the id is taken at insert time, while the order's row lock is held, so
     * an order's events get increasing ids in the order they happened; preallocated ids would break that. It also
     * makes Hibernate insert the row when it is saved, never later in a flush where {@code order_inserts} could
     * regroup it, so the events one transaction writes (a poll of stock replies, ADR 6) keep their order too.
     */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    private UUID eventId;

    @Column(name = "aggregate_id", nullable = false)
    private UUID aggregateId;

    @Column(name = "topic", nullable = false, length = 249)
    private String topic;

    @Column(name = "event_type", nullable = false, length = 64)
    private String eventType;

    @Column(name = "payload", nullable = false)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** W3C {@code traceparent} of the work that wrote the row; {@code null} outside a trace. */
    @Column(name = "traceparent", length = 128)
    private String traceparent;

    protected OutboxEvent() {
        // for JPA
    }

    OutboxEvent(UUID eventId, UUID aggregateId, String topic, String eventType, String payload, Instant createdAt,
            String traceparent) {
        this.eventId = eventId;
        this.aggregateId = aggregateId;
        this.topic = topic;
        this.eventType = eventType;
        this.payload = payload;
        this.createdAt = createdAt;
        this.traceparent = traceparent;
    }
}
