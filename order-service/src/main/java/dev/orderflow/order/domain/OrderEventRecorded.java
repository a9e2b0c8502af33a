package dev.orderflow.order.domain;

import dev.orderflow.events.OrderEvent;
import java.time.Instant;

/**
 * Published (as a Spring application event) when an order event was written to the outbox. Listeners that
 * must only see committed work, such as the order counters, use {@code @TransactionalEventListener}.
 *
 * @param event          the event written to the outbox
 * @param orderPlacedAt  when the order was placed, for the placed-to-confirmed latency
 */
public record OrderEventRecorded(OrderEvent event, Instant orderPlacedAt) {
}
