package dev.orderflow.events.kafka;

import dev.orderflow.events.InventoryEvent;

/** {@link EventDeserializer} for {@code inventory-events}; named by class in consumer configuration. */
public class InventoryEventDeserializer extends EventDeserializer<InventoryEvent> {

    public InventoryEventDeserializer() {
        super(InventoryEvent.class);
    }
}
