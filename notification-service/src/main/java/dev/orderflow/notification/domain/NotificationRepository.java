package dev.orderflow.notification.domain;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

/** Reads notifications; {@link NotificationRecorder} writes them. */
public interface NotificationRepository extends JpaRepository<Notification, UUID> {

    /** An order's notifications in the order its events were published. */
    List<Notification> findByOrderIdOrderBySequenceAsc(UUID orderId);
}
