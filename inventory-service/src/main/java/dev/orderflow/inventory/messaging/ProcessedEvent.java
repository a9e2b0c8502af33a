package dev.orderflow.inventory.messaging;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event this service has applied; its id makes a redelivery a no-op (ADR 2). */
@Entity
@Table(name = "processed_events")
class ProcessedEvent {

    @Id
    private UUID eventId;

    private Instant processedAt;

    protected ProcessedEvent() {
    }
}
