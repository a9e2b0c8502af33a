package dev.orderflow.order.messaging;

import dev.orderflow.events.InventoryEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.order.domain.StockReplyOutcome;
import dev.orderflow.order.domain.StockReplyResult;
import dev.orderflow.order.domain.StockReplyService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies inventory-service's answers ({@code StockReserved}, {@code StockRejected}, {@code StockReleased}) to orders.
 * The listener's observation (spring.kafka.listener.observation-enabled) continues the trace of the record, so the
 * event this causes is written to the outbox within it and the trace id is in every log line (ADR 4).
 */
@Component
class InventoryEventsListener {

    private static final Logger log = LoggerFactory.getLogger(InventoryEventsListener.class);

    private final StockReplyService stockReplies;
    private final ListenerMetrics metrics;

    InventoryEventsListener(StockReplyService stockReplies, ListenerMetrics metrics) {
        this.stockReplies = stockReplies;
        this.metrics = metrics;
    }

    @KafkaListener(topics = Topics.INVENTORY_EVENTS)
    void on(ConsumerRecord<String, InventoryEvent> record) {
        InventoryEvent event = record.value();
        StockReplyResult result = stockReplies.apply(event);
        String type = event.eventType();
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        String group = metrics.group();
        if (result.outcome() == StockReplyOutcome.DUPLICATE) {
            metrics.duplicate(type);
        } else if (result.outOfOrder(event.sequence())) {
            metrics.outOfOrder(type);
            // Key-value pairs feed the structured (JSON) log format; the text line stays as ADR 3 shows it.
            log.atWarn().addKeyValue("orderId", event.orderId()).addKeyValue("eventType", type)
                    .addKeyValue("record", where).addKeyValue("group", group)
                    .log("OUT OF ORDER {} orderId={} seq={} expected={} {} group={}", type, event.orderId(),
                            event.sequence(), result.expectedSequence(), where, group);
        }
        metrics.handled(type, result.outcome().tag());
        log.atInfo().addKeyValue("orderId", event.orderId()).addKeyValue("eventType", type)
                .addKeyValue("record", where).addKeyValue("group", group)
                .log("{} orderId={} seq={} {} group={} -> {}", type, event.orderId(), event.sequence(), where, group,
                        result.description());
    }
}
