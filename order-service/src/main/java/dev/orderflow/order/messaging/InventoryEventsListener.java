package dev.orderflow.order.messaging;

import dev.orderflow.events.InventoryEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.order.domain.StockReplyOutcome;
import dev.orderflow.order.domain.StockReplyResult;
import dev.orderflow.order.domain.StockReplyService;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Applies inventory-service's answers ({@code StockReserved}, {@code StockRejected}, {@code StockReleased}) to orders. */
@Component
class InventoryEventsListener {

    private static final Logger log = LoggerFactory.getLogger(InventoryEventsListener.class);

    private final StockReplyService stockReplies;
    private final MeterRegistry meters;
    private final String group;

    InventoryEventsListener(StockReplyService stockReplies, MeterRegistry meters,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        this.stockReplies = stockReplies;
        this.meters = meters;
        this.group = group;
    }

    @KafkaListener(topics = Topics.INVENTORY_EVENTS)
    void on(ConsumerRecord<String, InventoryEvent> record) {
        InventoryEvent event = record.value();
        StockReplyResult result = stockReplies.apply(event);
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (result.outcome() == StockReplyOutcome.DUPLICATE) {
            meters.counter("orderflow.events.duplicates", "group", group, "type", event.eventType()).increment();
        } else if (result.outOfOrder(event.sequence())) {
            meters.counter("orderflow.events.out.of.order", "group", group, "type", event.eventType()).increment();
            log.warn("OUT OF ORDER {} orderId={} seq={} expected={} {} group={}", event.eventType(), event.orderId(),
                    event.sequence(), result.expectedSequence(), where, group);
        }
        meters.counter("orderflow.events.handled", "group", group, "type", event.eventType(),
                "outcome", result.outcome().tag()).increment();
        log.info("{} orderId={} seq={} {} group={} -> {}", event.eventType(), event.orderId(), event.sequence(), where,
                group, result.description());
    }
}
