package dev.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/** Stock for every line is reserved: the order will be fulfilled. */
public record OrderConfirmed(UUID eventId, UUID orderId, long sequence, Instant occurredAt, String customerId)
        implements OrderEvent {

    @Override
    public <R> R accept(Handler<R> handler) {
        return handler.confirmed(this);
    }
}
