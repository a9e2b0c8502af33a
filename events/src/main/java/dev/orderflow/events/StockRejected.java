package dev.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/** Nothing was reserved; {@code reason} names each SKU that is unknown or short. */
public record StockRejected(UUID eventId, UUID orderId, long sequence, Instant occurredAt, String reason)
        implements InventoryEvent {

    @Override
    public <R> R accept(Handler<R> handler) {
        return handler.rejected(this);
    }
}
