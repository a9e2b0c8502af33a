package dev.orderflow.inventory.messaging;

import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.Topics;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes {@code order-events} a poll at a time: the records are applied in order in one transaction (ADR 6),
 * then each is logged and counted, so a line says what was committed (ADR 3). Each record gets spring-kafka's
 * listener observation, continuing its trace, so the reply written to the outbox carries it on to order-service
 * and the trace id is in the record's log line (ADR 4).
 */
@Component
class OrderEventsListener {

    private static final Logger log = LoggerFactory.getLogger(OrderEventsListener.class);
    private static final LogAccessor headerLog = new LogAccessor(OrderEventsListener.class);
    private static final String LISTENER_ID = "inventory-order-events";

    private final OrderEventHandler handler;
    private final ListenerMetrics metrics;
    private final TransactionTemplate transactions;
    private final ObservationRegistry observations;

    OrderEventsListener(OrderEventHandler handler, ListenerMetrics metrics, TransactionTemplate transactions,
            ObservationRegistry observations) {
        this.handler = handler;
        this.metrics = metrics;
        this.transactions = transactions;
        this.observations = observations;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = Topics.ORDER_EVENTS, batch = "true")
    void onOrderEvents(List<ConsumerRecord<String, OrderEvent>> records) {
        int unreadable = firstUnreadable(records);
        List<Delivery> readable = new ArrayList<>(unreadable);
        for (ConsumerRecord<String, OrderEvent> record : records.subList(0, unreadable)) {
            readable.add(new Delivery(record, observe(record)));
        }
        if (!readable.isEmpty()) {
            applyAll(readable);
        }
        if (unreadable < records.size()) {
            // The records before it are committed; the error handler dead-letters this one (ADR 2) and the
            // container delivers the rest again.
            ConsumerRecord<String, OrderEvent> record = records.get(unreadable);
            throw new BatchListenerFailedException("unreadable record", deserializationFailure(record), record);
        }
    }

    /**
     * Applies the records in one transaction. If that fails nothing of it was committed, so they are applied
     * again one transaction each, and the first that fails is handed to the error handler with its index.
     */
    private void applyAll(List<Delivery> deliveries) {
        try {
            transactions.executeWithoutResult(status -> handler.applyAll(deliveries));
        } catch (RuntimeException batchFailure) {
            if (deliveries.size() == 1) {
                // It was this record's own transaction: trying again at once would only repeat it (and, with the
                // database down, wait out the pool's timeout twice), so the error handler's back-off decides when.
                deliveries.get(0).observation.stop();
                throw new BatchListenerFailedException("failed to apply", batchFailure, deliveries.get(0).record);
            }
            log.warn("Rolled back {} {} records applied in one transaction ({}); applying them one transaction each",
                    deliveries.size(), Topics.ORDER_EVENTS, FailureLines.describe(batchFailure));
            applyOneByOne(deliveries);
            return;
        }
        deliveries.forEach(this::report);
    }

    private void applyOneByOne(List<Delivery> deliveries) {
        for (int index = 0; index < deliveries.size(); index++) {
            Delivery delivery = deliveries.get(index);
            try {
                transactions.executeWithoutResult(status -> handler.applyAll(List.of(delivery)));
            } catch (RuntimeException failure) {
                deliveries.subList(index, deliveries.size()).forEach(failed -> failed.observation.stop());
                throw new BatchListenerFailedException("failed to apply", failure, delivery.record);
            }
            report(delivery);
        }
    }

    /** Counts and logs a committed record inside its observation, so the line carries the record's trace id. */
    private void report(Delivery delivery) {
        try (Observation.Scope scope = delivery.observation.openScope()) {
            ConsumerRecord<String, OrderEvent> record = delivery.record;
            OrderEvent event = record.value();
            HandledEvent handled = delivery.handled;
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
        } finally {
            delivery.observation.stop();
        }
    }

    /** spring-kafka observes record listeners only; this is its own observation, started for one record of a batch. */
    private Observation observe(ConsumerRecord<String, OrderEvent> record) {
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, LISTENER_ID, null, metrics.group(), () -> null),
                observations).start();
    }

    /** The index of the first record the deserializer could not read, or the batch's size when there is none. */
    private static int firstUnreadable(List<ConsumerRecord<String, OrderEvent>> records) {
        for (int index = 0; index < records.size(); index++) {
            if (records.get(index).value() == null) {
                return index;
            }
        }
        return records.size();
    }

    private static Exception deserializationFailure(ConsumerRecord<String, OrderEvent> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, headerLog);
        return failure != null ? failure : new IllegalStateException("record without a value");
    }
}
