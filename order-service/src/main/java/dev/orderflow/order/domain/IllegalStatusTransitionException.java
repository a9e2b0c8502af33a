package dev.orderflow.order.domain;

import java.util.UUID;

/** The order's status does not allow the requested move, e.g. cancelling an order that was rejected. */
public class IllegalStatusTransitionException extends RuntimeException {

    private final UUID orderId;
    private final OrderStatus from;
    private final OrderStatus to;

    public IllegalStatusTransitionException(UUID orderId, OrderStatus from, OrderStatus to) {
        super("order " + orderId + " is " + from + " and cannot become " + to);
        this.orderId = orderId;
        this.from = from;
        this.to = to;
    }

    public UUID orderId() {
        return orderId;
    }

    public OrderStatus from() {
        return from;
    }

    public OrderStatus to() {
        return to;
    }
}
