package dev.orderflow.notification.messaging;

import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.notification.domain.NotificationRecorder;
import dev.orderflow.notification.domain.RecordedNotification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Turns each order event into one notification; failures go to the error handler (ADR 2). The listener's
 * observation (spring.kafka.listener.observation-enabled) continues the record's trace, so its trace id is in the
 * log line (ADR 4); the key-value pairs are for the structured (JSON) log format and leave the text line as it is.
 */
@Component
class OrderEventsListener {

    private static final Logger log = LoggerFactory.getLogger(OrderEventsListener.class);

    private final NotificationRecorder recorder;
    private final EventMetrics metrics;
    private final String group;

    OrderEventsListener(NotificationRecorder recorder, EventMetrics metrics,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        this.recorder = recorder;
        this.metrics = metrics;
        this.group = group;
    }

    @KafkaListener(id = "order-events", idIsGroup = false, topics = Topics.ORDER_EVENTS)
    void on(ConsumerRecord<String, OrderEvent> record) {
        OrderEvent event = record.value();
        String type = event.eventType();
        RecordedNotification recorded = recorder.record(event);
        String line = EventLogLine.of(event, record, group);
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (recorded.duplicate()) {
            log.atInfo().addKeyValue("orderId", event.orderId()).addKeyValue("eventType", type)
                    .addKeyValue("record", where).addKeyValue("group", group)
                    .log("{} -> duplicate, skipped", line);
            metrics.duplicate(type);
            metrics.handled(type, "duplicate");
            return;
        }
        if (recorded.outOfOrder(event.sequence())) {
            log.atWarn().addKeyValue("orderId", event.orderId()).addKeyValue("eventType", type)
                    .addKeyValue("record", where).addKeyValue("group", group)
                    .log("OUT OF ORDER {} expected seq={}, stored anyway", line, recorded.expectedSequence());
            metrics.outOfOrder(type);
        }
        log.atInfo().addKeyValue("orderId", event.orderId()).addKeyValue("eventType", type)
                .addKeyValue("record", where).addKeyValue("group", group)
                .log("{} -> notified {}: \"{}\"", line, event.customerId(), recorded.message());
        metrics.handled(type, "notified");
    }
}
