package dev.orderflow.inventory.messaging;

import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code order-events}; logs and counts each event once its transaction has committed (ADR 3). The
 * listener's observation (spring.kafka.listener.observation-enabled) continues the record's trace, so the reply
 * written to the outbox carries it on to order-service and the trace id is in every log line (ADR 4).
 */
@Component
class OrderEventsListener {

    private static final Logger log = LoggerFactory.getLogger(OrderEventsListener.class);

    private final OrderEventHandler handler;
    private final ListenerMetrics metrics;

    OrderEventsListener(OrderEventHandler handler, ListenerMetrics metrics) {
        this.handler = handler;
        this.metrics = metrics;
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS)
    void onOrderEvent(ConsumerRecord<String, OrderEvent> record) {
        OrderEvent event = record.value();
        HandledEvent handled = handler.handle(event);

        String group = metrics.group();
        String type = event.eventType();
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (handled.isDuplicate()) {
            metrics.duplicate(type);
        } else {
            metrics.handled(type, handled.outcome());
            if (event.sequence() != handled.expectedSequence()) {
                metrics.outOfOrder(type);
                // Key-value pairs feed the structured (JSON) log format; the text line stays as ADR 3 shows it.
                log.atWarn().addKeyValue("orderId", event.orderId()).addKeyValue("eventType", type)
                        .addKeyValue("record", where).addKeyValue("group", group)
                        .log("OUT OF ORDER {} orderId={} seq={} expected seq={} {} group={}", type, event.orderId(),
                                event.sequence(), handled.expectedSequence(), where, group);
            }
        }
        log.atInfo().addKeyValue("orderId", event.orderId()).addKeyValue("eventType", type)
                .addKeyValue("record", where).addKeyValue("group", group)
                .log("{} orderId={} seq={} {} group={} -> {}", type, event.orderId(), event.sequence(), where, group,
                        handled.summary());
    }
}
