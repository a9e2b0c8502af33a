package dev.orderflow.notification.web;

import dev.orderflow.notification.domain.Notification;
import java.time.Instant;
import java.util.UUID;

public record NotificationResponse(UUID notificationId, UUID orderId, String customerId, String eventType,
        String message, Instant createdAt) {

    static NotificationResponse of(Notification notification) {
        return new NotificationResponse(notification.getNotificationId(), notification.getOrderId(),
                notification.getCustomerId(), notification.getEventType(), notification.getMessage(),
                notification.getCreatedAt());
    }
}
