package dev.orderflow.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A message sent to a customer about one order event. Never changed once written; rows are inserted by
 * {@link NotificationRecorder} so that storing it and recognising a redelivered event are one statement.
 */
@Entity
@Immutable
@Table(name = "notifications")
public class Notification {

    @Id
    private UUID notificationId;

    @Column(nullable = false, unique = true)
    private UUID eventId;

    @Column(nullable = false)
    private UUID orderId;

    @Column(nullable = false, length = 64)
    private String customerId;

    @Column(nullable = false, length = 32)
    private String eventType;

    @Column(nullable = false)
    private long sequence;

    @Column(nullable = false, columnDefinition = "text")
    private String message;

    @Column(nullable = false)
    private Instant createdAt;

    protected Notification() {
        // for JPA
    }

    public UUID getNotificationId() {
        return notificationId;
    }

    public UUID getEventId() {
        return eventId;
    }

    public UUID getOrderId() {
        return orderId;
    }

    public String getCustomerId() {
        return customerId;
    }

    public String getEventType() {
        return eventType;
    }

    public long getSequence() {
        return sequence;
    }

    public String getMessage() {
        return message;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
