package dev.orderflow.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order was accepted and waits for stock. */
public record OrderPlaced(UUID eventId, UUID orderId, long sequence, Instant occurredAt, String customerId, List<OrderLine> items)
        implements OrderEvent {

    public OrderPlaced {
        items = List.copyOf(items);
    }

    @Override
    public <R> R accept(Handler<R> handler) {
        return handler.placed(this);
    }
}
