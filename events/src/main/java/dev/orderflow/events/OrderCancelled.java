package dev.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/** The customer cancelled the order; any stock it holds goes back. */
public record OrderCancelled(UUID eventId, UUID orderId, long sequence, Instant occurredAt, String customerId)
        implements OrderEvent {

    @Override
    public <R> R accept(Handler<R> handler) {
        return handler.cancelled(this);
    }
}
