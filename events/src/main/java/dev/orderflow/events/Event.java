package dev.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event on the wire carries this envelope. {@code sequence} counts 1, 2, 3… per order and per
 * topic, in publication order, so a consumer can tell when an order's events arrive out of order.
 */
public sealed interface Event permits OrderEvent, InventoryEvent {

    UUID eventId();

    UUID orderId();

    long sequence();

    Instant occurredAt();

    /** The wire name, sent in the {@code event-type} header: public API, never a Java class name. */
    default String eventType() {
        return EventType.of(this).wireName();
    }
}
