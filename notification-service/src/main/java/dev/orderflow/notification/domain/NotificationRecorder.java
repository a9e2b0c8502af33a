package dev.orderflow.notification.domain;

import dev.orderflow.events.OrderEvent;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores exactly one notification per order event.
 *
 * <p>ADR 2 gives each consumer a {@code processed_events} table written in the same transaction as its
 * effect. Here the notification row is the whole effect, so its unique {@code event_id} is that record:
 * {@code INSERT … ON CONFLICT (event_id) DO NOTHING} gives the same exactly-once guarantee with one write.
 */
@Service
public class NotificationRecorder {

    private final NotificationRepository notifications;
    private final Clock clock;

    public NotificationRecorder(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @Transactional
    public RecordedNotification record(OrderEvent event) {
        String message = NotificationMessages.of(event);
        NotificationRepository.InsertResult result = notifications.insertUnlessPresent(UUID.randomUUID(),
                event.eventId(), event.orderId(), event.customerId(), event.eventType(), event.sequence(), message,
                clock.instant());
        return new RecordedNotification(result.getInserted() == 1, message, result.getHighestSequenceBefore());
    }
}
