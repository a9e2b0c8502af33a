package dev.orderflow.order.messaging;

import dev.orderflow.events.InventoryEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.batch.BatchHandler;
import dev.orderflow.messaging.batch.Delivery;
import dev.orderflow.messaging.batch.Handled;
import dev.orderflow.order.domain.StockReplyResult;
import dev.orderflow.order.domain.StockReplyService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Applies inventory-service's answers ({@code StockReserved}, {@code StockRejected}, {@code StockReleased}) to orders;
 * the core's batch listener applies a poll of them in one transaction (ADR 6). Each reply is applied in its record's
 * trace, so the event it causes is written to the outbox with that trace (ADR 4).
 */
@Component
class InventoryEventsHandler implements BatchHandler<InventoryEvent> {

    /** The listener container's id; the consumer group stays {@code spring.kafka.consumer.group-id}. */
    static final String LISTENER_ID = "inventory-events";

    private final StockReplyService stockReplies;

    InventoryEventsHandler(StockReplyService stockReplies) {
        this.stockReplies = stockReplies;
    }

    @Override
    public String listenerId() {
        return LISTENER_ID;
    }

    @Override
    public String topic() {
        return Topics.INVENTORY_EVENTS;
    }

    @Override
    public List<Handled> apply(List<Delivery<InventoryEvent>> deliveries) {
        List<Handled> handled = new ArrayList<>(deliveries.size());
        for (Delivery<InventoryEvent> delivery : deliveries) {
            StockReplyResult result = delivery.inScope(() -> stockReplies.apply(delivery.event()));
            handled.add(new Handled(result.outcome().tag(), result.description(), result.expectedSequence()));
        }
        return handled;
    }
}
