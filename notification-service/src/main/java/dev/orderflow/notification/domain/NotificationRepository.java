package dev.orderflow.notification.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface NotificationRepository extends JpaRepository<Notification, UUID> {

    /** An order's notifications in the order its events were published. */
    List<Notification> findByOrderIdOrderBySequenceAsc(UUID orderId);

    /**
     * Stores a notification unless one exists for the same event, and reports the highest sequence stored
     * for the order before this one, all in one round trip. Both parts of the statement see the same
     * snapshot, so the highest sequence never includes the row being inserted.
     */
    @Query(nativeQuery = true, value = """
            WITH inserted AS (
                INSERT INTO notifications
                    (notification_id, event_id, order_id, customer_id, event_type, sequence, message, created_at)
                VALUES (:notificationId, :eventId, :orderId, :customerId, :eventType, :sequence, :message, :createdAt)
                ON CONFLICT (event_id) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM inserted) AS "inserted",
                   (SELECT max(sequence) FROM notifications WHERE order_id = :orderId) AS "highestSequenceBefore"
            """)
    InsertResult insertUnlessPresent(@Param("notificationId") UUID notificationId, @Param("eventId") UUID eventId,
            @Param("orderId") UUID orderId, @Param("customerId") String customerId,
            @Param("eventType") String eventType, @Param("sequence") long sequence,
            @Param("message") String message, @Param("createdAt") Instant createdAt);

    interface InsertResult {

        /** 1 when the row was written, 0 when the event already had its notification. */
        long getInserted();

        /** The highest sequence stored for the order before this statement, null when none was. */
        Long getHighestSequenceBefore();
    }
}
