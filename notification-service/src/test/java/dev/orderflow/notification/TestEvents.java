package dev.orderflow.notification;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.OrderRejected;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Order events as order-service publishes them, for customer c-42. */
public final class TestEvents {

    public static final String CUSTOMER = "c-42";

    private TestEvents() {
    }

    public static OrderPlaced placed(UUID orderId, long sequence, OrderLine... lines) {
        return new OrderPlaced(UUID.randomUUID(), orderId, sequence, Instant.now(), CUSTOMER, List.of(lines));
    }

    public static OrderConfirmed confirmed(UUID orderId, long sequence) {
        return new OrderConfirmed(UUID.randomUUID(), orderId, sequence, Instant.now(), CUSTOMER);
    }

    public static OrderRejected rejected(UUID orderId, long sequence, String reason) {
        return new OrderRejected(UUID.randomUUID(), orderId, sequence, Instant.now(), CUSTOMER, reason);
    }

    public static OrderCancelled cancelled(UUID orderId, long sequence) {
        return new OrderCancelled(UUID.randomUUID(), orderId, sequence, Instant.now(), CUSTOMER);
    }
}
