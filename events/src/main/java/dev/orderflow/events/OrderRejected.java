package dev.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/** Stock could not be reserved for every line; {@code reason} names the SKUs. */
public record OrderRejected(UUID eventId, UUID orderId, long sequence, Instant occurredAt, String customerId, String reason)
        implements OrderEvent {

    @Override
    public <R> R accept(Handler<R> handler) {
        return handler.rejected(this);
    }
}
