package dev.orderflow.inventory.messaging;

import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.stereotype.Component;

/** Consumes {@code order-events}; logs and counts each event once its transaction has committed (ADR 3). */
@Component
class OrderEventsListener {

    private static final Logger log = LoggerFactory.getLogger(OrderEventsListener.class);

    private final OrderEventHandler handler;
    private final MeterRegistry meterRegistry;

    OrderEventsListener(OrderEventHandler handler, MeterRegistry meterRegistry) {
        this.handler = handler;
        this.meterRegistry = meterRegistry;
    }

    @KafkaListener(topics = Topics.ORDER_EVENTS)
    void onOrderEvent(ConsumerRecord<String, OrderEvent> record) {
        OrderEvent event = record.value();
        HandledEvent handled = handler.handle(event);

        String group = KafkaUtils.getConsumerGroupId();
        String type = event.eventType();
        if (handled.isDuplicate()) {
            meterRegistry.counter("orderflow.events.duplicates", "group", group, "type", type).increment();
        } else {
            meterRegistry.counter("orderflow.events.handled", "group", group, "type", type, "outcome", handled.outcome())
                    .increment();
            if (event.sequence() != handled.expectedSequence()) {
                meterRegistry.counter("orderflow.events.out.of.order", "group", group, "type", type).increment();
                log.warn("OUT OF ORDER {} orderId={} seq={} expected seq={} {}-{}@{} group={}", type, event.orderId(),
                        event.sequence(), handled.expectedSequence(), record.topic(), record.partition(), record.offset(),
                        group);
            }
        }
        log.info("{} orderId={} seq={} {}-{}@{} group={} -> {}", type, event.orderId(), event.sequence(), record.topic(),
                record.partition(), record.offset(), group, handled.summary());
    }
}
