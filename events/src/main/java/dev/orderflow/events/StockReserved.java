package dev.orderflow.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every line of the order is reserved. */
public record StockReserved(UUID eventId, UUID orderId, long sequence, Instant occurredAt, List<OrderLine> items)
        implements InventoryEvent {

    public StockReserved {
        items = List.copyOf(items);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
        return handler.reserved(this);
    }
}
