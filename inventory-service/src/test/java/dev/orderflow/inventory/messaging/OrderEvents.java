package dev.orderflow.inventory.messaging;

import dev.orderflow.events.InventoryEvent;
import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.kafka.InventoryEventDeserializer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Order events as order-service would publish them, and the decoding of inventory-service's answers. */
final class OrderEvents {

    private static final InventoryEventDeserializer INVENTORY_EVENTS = new InventoryEventDeserializer();

    private OrderEvents() {
    }

    static OrderPlaced placed(UUID orderId, long sequence, OrderLine... lines) {
        return new OrderPlaced(UUID.randomUUID(), orderId, sequence, Instant.now(), "c-42", Arrays.asList(lines));
    }

    static OrderCancelled cancelled(UUID orderId, long sequence) {
        return new OrderCancelled(UUID.randomUUID(), orderId, sequence, Instant.now(), "c-42");
    }

    static OrderConfirmed confirmed(UUID orderId, long sequence) {
        return new OrderConfirmed(UUID.randomUUID(), orderId, sequence, Instant.now(), "c-42");
    }

    static OrderLine line(String sku, int quantity) {
        return new OrderLine(sku, quantity);
    }

    static InventoryEvent answer(ConsumerRecord<String, byte[]> record) {
        return INVENTORY_EVENTS.deserialize(record.topic(), record.headers(), record.value());
    }

    static List<InventoryEvent> answers(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(OrderEvents::answer).toList();
    }
}
