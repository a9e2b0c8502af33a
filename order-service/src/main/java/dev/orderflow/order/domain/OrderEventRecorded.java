package dev.orderflow.order.domain;

import dev.orderflow.events.OrderEvent;

/**
 * Published (as a Spring application event) when an order event was written to the outbox. Listeners that
 * must only see committed work, such as the relay's wake-up, use {@code @TransactionalEventListener}.
 */
public record OrderEventRecorded(OrderEvent event) {
}
