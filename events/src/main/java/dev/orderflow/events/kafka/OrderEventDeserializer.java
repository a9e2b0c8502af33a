package dev.orderflow.events.kafka;

import dev.orderflow.events.OrderEvent;

/** {@link EventDeserializer} for {@code order-events}; named by class in consumer configuration. */
public class OrderEventDeserializer extends EventDeserializer<OrderEvent> {

    public OrderEventDeserializer() {
        super(OrderEvent.class);
    }
}
