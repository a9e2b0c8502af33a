package dev.orderflow.events;

/** Published by inventory-service to {@link Topics#INVENTORY_EVENTS}, keyed by orderId. */
public sealed interface InventoryEvent extends Event permits StockReserved, StockRejected, StockReleased {

    /** Double dispatch in place of a pattern switch (Java 17): a new event type breaks every handler's build. */
    <R> R accept(Handler<R> handler);

    interface Handler<R> {

        R reserved(StockReserved event);

        R rejected(StockRejected event);

        R released(StockReleased event);
    }
}
