package dev.orderflow.order.domain;

import static dev.orderflow.order.domain.OrderStatus.CANCELLED;
import static dev.orderflow.order.domain.OrderStatus.CONFIRMED;
import static dev.orderflow.order.domain.OrderStatus.PENDING;
import static dev.orderflow.order.domain.OrderStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderStatusTests {

    private static final Instant PLACED_AT = Instant.parse("2026-11-26T12:00:00Z");
    private static final Instant LATER = PLACED_AT.plusSeconds(1);

    @Test
    void allowsExactlyTheContractsMoves() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                boolean allowed = from == PENDING && EnumSet.of(CONFIRMED, REJECTED, CANCELLED).contains(to)
                        || from == CONFIRMED && to == CANCELLED;
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
            }
        }
    }

    @Test
    void confirmsAPendingOrder() {
        Order order = pending();
        order.confirm(LATER);
        assertThat(order.status()).isEqualTo(CONFIRMED);
        assertThat(order.updatedAt()).isEqualTo(LATER);
        assertThat(order.createdAt()).isEqualTo(PLACED_AT);
    }

    @Test
    void rejectsAPendingOrderWithItsReason() {
        Order order = pending();
        order.reject("SKU-1 short", LATER);
        assertThat(order.status()).isEqualTo(REJECTED);
        assertThat(order.rejectionReason()).isEqualTo("SKU-1 short");
    }

    @Test
    void cancelsAConfirmedOrder() {
        Order order = pending();
        order.confirm(LATER);
        order.cancel(LATER);
        assertThat(order.status()).isEqualTo(CANCELLED);
    }

    @Test
    void refusesToCancelARejectedOrCancelledOrder() {
        Order rejected = pending();
        rejected.reject("short", LATER);
        assertThatThrownBy(() -> rejected.cancel(LATER)).isInstanceOf(IllegalStatusTransitionException.class)
                .hasMessageContaining("REJECTED");

        Order cancelled = pending();
        cancelled.cancel(LATER);
        assertThatThrownBy(() -> cancelled.cancel(LATER)).isInstanceOf(IllegalStatusTransitionException.class);
        assertThatThrownBy(() -> cancelled.confirm(LATER)).isInstanceOf(IllegalStatusTransitionException.class);
        assertThat(cancelled.status()).isEqualTo(CANCELLED);
    }

    @Test
    void numbersItsEventsFromOne() {
        Order order = pending();
        assertThat(order.nextOrderEventSequence()).isEqualTo(1);
        assertThat(order.nextOrderEventSequence()).isEqualTo(2);
    }

    @Test
    void tellsWhichInventorySequenceWasDue() {
        Order order = pending();
        assertThat(order.recordInventoryEventSequence(1)).isEqualTo(1);
        assertThat(order.recordInventoryEventSequence(3)).isEqualTo(2);
        assertThat(order.recordInventoryEventSequence(2)).isEqualTo(4);
        assertThat(order.recordInventoryEventSequence(4)).isEqualTo(4);
    }

    private static Order pending() {
        return Order.place(UUID.randomUUID(), "c-1", List.of(new OrderLine("SKU-1", 1)), PLACED_AT);
    }
}
