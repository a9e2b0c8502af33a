package dev.orderflow.order.domain;

/** The outcome of placing an order: the order, and whether it was created now or found by its Idempotency-Key. */
public record PlacedOrder(Order order, boolean replayed) {
}
