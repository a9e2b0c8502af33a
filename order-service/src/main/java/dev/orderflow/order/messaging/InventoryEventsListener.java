package dev.orderflow.order.messaging;

import dev.orderflow.events.InventoryEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.order.domain.StockReplyOutcome;
import dev.orderflow.order.domain.StockReplyResult;
import dev.orderflow.order.domain.StockReplyService;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies inventory-service's answers ({@code StockReserved}, {@code StockRejected}, {@code StockReleased}) to orders,
 * a poll at a time (ADR 6): the records one poll returned are applied in order in one transaction, so N replies
 * cost one connection checkout and one commit instead of N. A partition belongs to one listener thread, so an
 * order's replies are never split across concurrent transactions.
 *
 * <p>spring-kafka observes record listeners only, so each record gets spring-kafka's own listener observation here,
 * continuing the trace of its {@code traceparent} header. Its scope is open while the record is applied, so the
 * event this causes is written to the outbox with the record's trace (ADR 4), and again while its line is logged,
 * after the commit, because a line says what was committed (ADR 3).
 *
 * <p>Failures get ADR 2's answers record by record, from the {@code DefaultErrorHandler}, which is told the failed
 * record's index with {@link BatchListenerFailedException}: it commits the offsets before it, applies its back-off,
 * retry and dead-letter rules to that record alone, and delivers the records after it again.
 */
@Component
class InventoryEventsListener {

    /** The listener container's id; the consumer group stays {@code spring.kafka.consumer.group-id}. */
    static final String ID = "inventory-events";

    private static final Logger log = LoggerFactory.getLogger(InventoryEventsListener.class);

    /** spring-kafka reports a deserialization header it does not trust through this. */
    private static final LogAccessor headerLog = new LogAccessor(InventoryEventsListener.class);

    private final StockReplyService stockReplies;
    private final ListenerMetrics metrics;
    private final TransactionTemplate transactions;
    private final ObservationRegistry observations;
    private final KafkaAdmin kafkaAdmin;

    InventoryEventsListener(StockReplyService stockReplies, ListenerMetrics metrics, TransactionTemplate transactions,
            ObservationRegistry observations, KafkaAdmin kafkaAdmin) {
        this.stockReplies = stockReplies;
        this.metrics = metrics;
        this.transactions = transactions;
        this.observations = observations;
        this.kafkaAdmin = kafkaAdmin;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.INVENTORY_EVENTS, batch = "true")
    void on(List<ConsumerRecord<String, InventoryEvent>> records, Consumer<?, ?> consumer) {
        Receiver receiver = Receiver.of(consumer);
        int readable = 0;
        while (readable < records.size() && records.get(readable).value() != null) {
            readable++;
        }
        applyInOrder(records.subList(0, readable), receiver);
        if (readable < records.size()) {
            // The records before it are committed; the error handler dead-letters this one at once (a deserialization
            // failure is never retried) and delivers the records after it again.
            ConsumerRecord<String, InventoryEvent> unreadable = records.get(readable);
            throw new BatchListenerFailedException(position(unreadable) + " is unreadable", readFailure(unreadable),
                    readable);
        }
    }

    private void applyInOrder(List<ConsumerRecord<String, InventoryEvent>> records, Receiver receiver) {
        if (records.isEmpty()) {
            return;
        }
        List<Delivery> deliveries = new ArrayList<>(records.size());
        try {
            transactions.executeWithoutResult(status -> {
                for (ConsumerRecord<String, InventoryEvent> record : records) {
                    Delivery delivery = new Delivery(record, observation(record, receiver));
                    deliveries.add(delivery);
                    delivery.apply(stockReplies);
                }
            });
        } catch (RuntimeException failure) {
            // Nothing of the batch was committed; its spans end with the failure that undid their work.
            deliveries.forEach(delivery -> delivery.abandon(failure));
            if (deliveries.isEmpty() || records.size() == 1) {
                // The transaction never reached a record (no connection, say), or it was this record's own: trying
                // again at once would only repeat it, so the error handler's back-off decides when.
                throw failed(records.get(0), failure, 0);
            }
            log.warn("Rolled back {} {} records applied in one transaction ({}); applying them one transaction each",
                    records.size(), Topics.INVENTORY_EVENTS, FailureLines.describe(failure));
            applyOneByOne(records, receiver);
            return;
        }
        deliveries.forEach(this::report);
    }

    /** Finds the record that fails on its own; those before it are committed and logged as usual. */
    private void applyOneByOne(List<ConsumerRecord<String, InventoryEvent>> records, Receiver receiver) {
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, InventoryEvent> record = records.get(index);
            Delivery delivery = new Delivery(record, observation(record, receiver));
            try {
                transactions.executeWithoutResult(status -> delivery.apply(stockReplies));
            } catch (RuntimeException failure) {
                delivery.abandon(failure);
                throw failed(record, failure, index);
            }
            report(delivery);
        }
    }

    /** spring-kafka's own listener observation, as its container starts one for each record of a record listener. */
    private Observation observation(ConsumerRecord<String, InventoryEvent> record, Receiver receiver) {
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, ID, receiver.clientId(), receiver.groupId(),
                        kafkaAdmin::clusterId),
                observations).start();
    }

    /** Runs after the commit, in the record's trace: the metrics and the ADR 3 line of one record. */
    private void report(Delivery delivery) {
        try (Observation.Scope scope = delivery.observation.openScope()) {
            logAndCount(delivery.record, delivery.result);
        } finally {
            delivery.observation.stop();
        }
    }

    private void logAndCount(ConsumerRecord<String, InventoryEvent> record, StockReplyResult result) {
        InventoryEvent event = record.value();
        String type = event.eventType();
        String where = position(record);
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

    private static BatchListenerFailedException failed(ConsumerRecord<String, InventoryEvent> record,
            RuntimeException failure, int index) {
        InventoryEvent event = record.value();
        return new BatchListenerFailedException(event.eventType() + " orderId=" + event.orderId() + " "
                + position(record) + " could not be applied", failure, index);
    }

    /** The failure the {@code ErrorHandlingDeserializer} put in the record's headers. */
    private static Exception readFailure(ConsumerRecord<String, InventoryEvent> record) {
        Exception failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, headerLog);
        return failure != null ? failure : new UnreadableEventException("record without a value");
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /**
     * The consumer as spring-kafka's container names it in its observations: the group, and the client id, which
     * Kafka exposes only as a tag of the client's own metrics.
     */
    private record Receiver(String clientId, String groupId) {

        static Receiver of(Consumer<?, ?> consumer) {
            String clientId = null;
            for (MetricName name : consumer.metrics().keySet()) {
                clientId = name.tags().get("client-id");
                if (clientId != null) {
                    break;
                }
            }
            return new Receiver(clientId, consumer.groupMetadata().groupId());
        }
    }

    /** One record on its way through a transaction: its observation and, once applied, what that did. */
    private static final class Delivery {

        private final ConsumerRecord<String, InventoryEvent> record;
        private final Observation observation;
        private StockReplyResult result;

        Delivery(ConsumerRecord<String, InventoryEvent> record, Observation observation) {
            this.record = record;
            this.observation = observation;
        }

        /** Within the record's trace, so that {@code TraceParents} stores it with the outbox row. */
        void apply(StockReplyService stockReplies) {
            try (Observation.Scope scope = observation.openScope()) {
                result = stockReplies.apply(record.value());
            }
        }

        void abandon(Throwable failure) {
            observation.error(failure);
            observation.stop();
        }
    }
}
