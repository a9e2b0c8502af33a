package dev.orderflow.notification.messaging;

import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.notification.domain.NotificationRecorder;
import dev.orderflow.notification.domain.RecordedNotification;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Turns each order event into one notification, all the events of one poll in one transaction (ADR 6). Failures go
 * to the error handler record by record (ADR 2): when the batch's transaction fails, its records are stored again one
 * transaction each and the first that fails is reported; an unreadable record ends the batch, the records before it
 * stored. Each record has spring-kafka's listener observation, which continues the record's trace, so its trace id
 * is in the record's log line (ADR 4); the key-value pairs are for the structured (JSON) log format and leave the
 * text line as it is.
 */
@Component
class OrderEventsListener {

    /** The listener's id, also given to the records' observations as the container would. */
    static final String ID = "order-events";

    private static final Logger log = LoggerFactory.getLogger(OrderEventsListener.class);
    private static final LogAccessor logAccessor = new LogAccessor(OrderEventsListener.class);

    private final NotificationRecorder recorder;
    private final RecordObservations observations;
    private final EventMetrics metrics;
    private final String group;

    OrderEventsListener(NotificationRecorder recorder, RecordObservations observations, EventMetrics metrics,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        this.recorder = recorder;
        this.observations = observations;
        this.metrics = metrics;
        this.group = group;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.ORDER_EVENTS, batch = "true")
    void on(List<ConsumerRecord<String, OrderEvent>> records, Consumer<?, ?> consumer) {
        int unreadable = 0;
        while (unreadable < records.size() && records.get(unreadable).value() != null) {
            unreadable++;
        }
        apply(records.subList(0, unreadable), RecordObservations.clientIdOf(consumer));
        if (unreadable < records.size()) {
            // The handler commits the records before this one, then dead-letters it at once: not retryable.
            ConsumerRecord<String, OrderEvent> record = records.get(unreadable);
            throw new BatchListenerFailedException("unreadable record " + EventLogLine.position(record),
                    whyUnreadable(record), unreadable);
        }
    }

    /**
     * Stores the records, all in one transaction when it commits, else each in its own up to the first that fails,
     * which is reported by its index. A record's observation is current while its line is logged, and also while it
     * is stored when it has a transaction of its own.
     */
    private void apply(List<ConsumerRecord<String, OrderEvent>> records, String clientId) {
        List<Observation> observed = new ArrayList<>(records.size());
        for (ConsumerRecord<String, OrderEvent> record : records) {
            observed.add(observations.start(record, clientId));
        }
        int next = 0;
        try {
            // A single record is stored on its own at once: a second attempt would change nothing.
            List<RecordedNotification> together = records.size() > 1 ? recordTogether(records) : null;
            for (; next < records.size(); next++) {
                ConsumerRecord<String, OrderEvent> record = records.get(next);
                Observation observation = observed.get(next);
                try (Observation.Scope scope = observation.openScope()) {
                    report(record, together != null ? together.get(next) : recordAlone(record, next, observation));
                }
                observation.stop();
            }
        } finally {
            // The failed record's, and those of the records after it, which are delivered (and observed) again.
            for (int i = next; i < records.size(); i++) {
                observed.get(i).stop();
            }
        }
    }

    /** Null when the transaction rolled back: then none of the records is stored. */
    private List<RecordedNotification> recordTogether(List<ConsumerRecord<String, OrderEvent>> records) {
        List<OrderEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, OrderEvent> record : records) {
            events.add(record.value());
        }
        try {
            return recorder.record(events);
        } catch (RuntimeException failure) {
            log.warn("{} records from {} to {} rolled back together, storing them one transaction each: {}",
                    records.size(), EventLogLine.position(records.get(0)),
                    EventLogLine.position(records.get(records.size() - 1)), EventLogLine.reason(failure));
            return null;
        }
    }

    private RecordedNotification recordAlone(ConsumerRecord<String, OrderEvent> record, int index,
            Observation observation) {
        try {
            return recorder.record(List.of(record.value())).get(0);
        } catch (RuntimeException failure) {
            observation.error(failure);
            OrderEvent event = record.value();
            String line = EventLogLine.of(event, record, group);
            log.atWarn().addKeyValue("orderId", event.orderId()).addKeyValue("eventType", event.eventType())
                    .addKeyValue("record", EventLogLine.position(record)).addKeyValue("group", group)
                    .log("{} -> failed: {}", line, EventLogLine.reason(failure));
            // The handler commits the records before this one and retries or dead-letters this one (ADR 2).
            throw new BatchListenerFailedException(line + " failed", failure, index);
        }
    }

    /** What ErrorHandlingDeserializer left in the header; a record without any value can never be read either. */
    private static Exception whyUnreadable(ConsumerRecord<String, OrderEvent> record) {
        Exception cause = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
        return cause != null ? cause
                : new UnreadableEventException("record " + EventLogLine.position(record) + " has no value");
    }

    private void report(ConsumerRecord<String, OrderEvent> record, RecordedNotification recorded) {
        OrderEvent event = record.value();
        String type = event.eventType();
        String line = EventLogLine.of(event, record, group);
        String where = EventLogLine.position(record);
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
