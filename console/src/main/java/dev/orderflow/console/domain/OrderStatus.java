package dev.orderflow.console.domain;

import java.util.Optional;

/** An order's status as its events on {@code order-events} tell it (the contract's status names). */
public enum OrderStatus {
    PENDING, CONFIRMED, REJECTED, CANCELLED;

    /** The status an order event leaves the order in; empty for events that do not set one (inventory's). */
    public static Optional<OrderStatus> after(String eventType) {
        return switch (eventType) {
            case "OrderPlaced" -> Optional.of(PENDING);
            case "OrderConfirmed" -> Optional.of(CONFIRMED);
            case "OrderRejected" -> Optional.of(REJECTED);
            case "OrderCancelled" -> Optional.of(CANCELLED);
            default -> Optional.empty();
        };
    }
}
