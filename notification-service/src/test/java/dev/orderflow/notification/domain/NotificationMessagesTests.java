package dev.orderflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.OrderRejected;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationMessagesTests {

    private static final UUID ORDER = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void countsUnitsAndItemsOfAPlacedOrder() {
        OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), ORDER, 1, NOW, "c-42",
                List.of(new OrderLine("SKU-001", 2), new OrderLine("SKU-002", 1)));

        assertThat(NotificationMessages.of(placed))
                .isEqualTo("We received your order of 3 units (2 items) and are reserving the stock.");
    }

    @Test
    void speaksOfASingleUnitInTheSingular() {
        OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), ORDER, 1, NOW, "c-42",
                List.of(new OrderLine("SKU-001", 1)));

        assertThat(NotificationMessages.of(placed))
                .isEqualTo("We received your order of 1 unit (1 item) and are reserving the stock.");
    }

    @Test
    void announcesAConfirmation() {
        assertThat(NotificationMessages.of(new OrderConfirmed(UUID.randomUUID(), ORDER, 2, NOW, "c-42")))
                .isEqualTo("Good news: your order is confirmed.");
    }

    @Test
    void givesTheReasonOfARejection() {
        OrderRejected rejected = new OrderRejected(UUID.randomUUID(), ORDER, 2, NOW, "c-42", "SKU-001 short by 3");

        assertThat(NotificationMessages.of(rejected))
                .isEqualTo("Sorry, we could not fulfil your order: SKU-001 short by 3.");
    }

    @Test
    void endsARejectionWithOneFullStopWhateverTheReasonEndsWith() {
        OrderRejected rejected = new OrderRejected(UUID.randomUUID(), ORDER, 2, NOW, "c-42", "SKU-001 is unknown. ");

        assertThat(NotificationMessages.of(rejected))
                .isEqualTo("Sorry, we could not fulfil your order: SKU-001 is unknown.");
    }

    @Test
    void apologisesWithoutAColonWhenARejectionGivesNoReason() {
        assertThat(NotificationMessages.of(new OrderRejected(UUID.randomUUID(), ORDER, 2, NOW, "c-42", " ")))
                .isEqualTo("Sorry, we could not fulfil your order.");
    }

    @Test
    void announcesACancellation() {
        assertThat(NotificationMessages.of(new OrderCancelled(UUID.randomUUID(), ORDER, 3, NOW, "c-42")))
                .isEqualTo("Your order has been cancelled.");
    }
}
