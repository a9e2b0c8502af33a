package dev.orderflow.notification.domain;

import static dev.orderflow.notification.TestEvents.cancelled;
import static dev.orderflow.notification.TestEvents.confirmed;
import static dev.orderflow.notification.TestEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.notification.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Several events recorded at once are judged as if each had been recorded on its own, one after another. */
class NotificationRecorderIT extends IntegrationTest {

    @Autowired
    private NotificationRecorder recorder;

    @Autowired
    private NotificationRepository notifications;

    @Test
    void judgesEachEventOfAListAfterTheOnesBeforeIt() {
        UUID fresh = newOrderId();
        UUID known = newOrderId();
        OrderPlaced placedTwice = placed(fresh, 1, new OrderLine("SKU-R", 1));
        OrderPlaced storedBefore = placed(known, 1, new OrderLine("SKU-R", 1));
        recorder.record(List.of(storedBefore));

        List<RecordedNotification> recorded = recorder.record(List.of(
                placedTwice,
                placedTwice,
                confirmed(fresh, 2),
                storedBefore,
                cancelled(known, 3),
                confirmed(known, 2)));

        assertThat(recorded).extracting(RecordedNotification::stored)
                .containsExactly(true, false, true, false, true, true);
        assertThat(recorded).extracting(RecordedNotification::highestSequenceBefore)
                .containsExactly(null, 1L, 1L, 1L, 1L, 3L);
        assertThat(recorded.get(2).outOfOrder(2)).as("seq 2 after the 1 stored earlier in the list").isFalse();
        assertThat(recorded.get(4).outOfOrder(3)).as("seq 3 where 2 was expected").isTrue();
        assertThat(recorded.get(5).outOfOrder(2)).as("seq 2 after 3").isTrue();
        assertThat(recorded.get(0).message())
                .isEqualTo("We received your order of 1 unit (1 item) and are reserving the stock.");
        assertThat(notifications.findByOrderIdOrderBySequenceAsc(fresh)).extracting(Notification::getEventType)
                .containsExactly("OrderPlaced", "OrderConfirmed");
        assertThat(notifications.findByOrderIdOrderBySequenceAsc(known)).extracting(Notification::getEventType)
                .containsExactly("OrderPlaced", "OrderConfirmed", "OrderCancelled");
    }

    @Test
    void storesNothingWhenOneEventOfTheListFails() {
        UUID orderId = newOrderId();
        UUID other = newOrderId();

        // The column holds 64 characters.
        assertThatRuntimeException().isThrownBy(() -> recorder.record(List.of(
                placed(orderId, 1, new OrderLine("SKU-R", 1)),
                new OrderCancelled(UUID.randomUUID(), other, 1, Instant.now(), "c".repeat(65)))));

        assertThat(notifications.findByOrderIdOrderBySequenceAsc(orderId)).isEmpty();
    }
}
