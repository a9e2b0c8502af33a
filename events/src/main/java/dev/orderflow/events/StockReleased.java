package dev.orderflow.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The units the order held are available again (empty when it held none). */
public record StockReleased(UUID eventId, UUID orderId, long sequence, Instant occurredAt, List<OrderLine> items)
        implements InventoryEvent {

    public StockReleased {
        items = List.copyOf(items);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
        return handler.released(this);
    }
}
