package dev.orderflow.notification.web;

import dev.orderflow.notification.domain.NotificationRepository;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final NotificationRepository notifications;

    NotificationController(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    /** An order's notifications in the order its events were published; empty for an unknown order. */
    @GetMapping
    List<NotificationResponse> forOrder(@RequestParam UUID orderId) {
        return notifications.findByOrderIdOrderBySequenceAsc(orderId).stream()
                .map(NotificationResponse::of)
                .toList();
    }
}
