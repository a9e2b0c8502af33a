package dev.orderflow.events;

/** Published by order-service to {@link Topics#ORDER_EVENTS}, keyed by orderId. */
public sealed interface OrderEvent extends Event
        permits OrderPlaced, OrderCancelled, OrderConfirmed, OrderRejected {

    String customerId();

    /** Double dispatch in place of a pattern switch (Java 17): a new event type breaks every handler's build. */
    <R> R accept(Handler<R> handler);

    interface Handler<R> {

        R placed(OrderPlaced event);

        R cancelled(OrderCancelled event);

        R confirmed(OrderConfirmed event);

        R rejected(OrderRejected event);
    }
}
