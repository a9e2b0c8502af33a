package dev.orderflow.messaging.batch;

import dev.orderflow.events.Event;
import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.messaging.FailureLines;
import dev.orderflow.messaging.metrics.EventMetrics;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes a topic a poll at a time (ADR 6): the records one poll returned are applied in order in one transaction by
 * the service's {@link BatchHandler}, so N records cost one connection checkout and one commit instead of N. A
 * partition belongs to one listener thread, so an order's events are never split across concurrent transactions.
 *
 * <p>Each record gets spring-kafka's listener observation ({@link RecordObservations}): its scope is open while the
 * handler works in {@link Delivery#inScope} and again while its line is logged, after the commit, because a line says
 * what was committed (ADR 3).
 *
 * <p>Failures get ADR 2's answers record by record, from the {@code DefaultErrorHandler}, which is told the failed
 * record's index with {@link BatchListenerFailedException}: it commits the offsets before it, applies its back-off,
 * retry and dead-letter rules to that record alone, and delivers the records after it again.
 */
public class BatchListener<E extends Event> {

    private static final Logger log = LoggerFactory.getLogger(BatchListener.class);

    /** spring-kafka reports a deserialization header it does not trust through this. */
    private static final LogAccessor headerLog = new LogAccessor(BatchListener.class);

    private final BatchHandler<E> handler;
    private final TransactionTemplate transactions;
    private final RecordObservations observations;
    private final EventMetrics metrics;

    BatchListener(BatchHandler<E> handler, TransactionTemplate transactions, RecordObservations observations,
            EventMetrics metrics) {
        this.handler = handler;
        this.transactions = transactions;
        this.observations = observations;
        this.metrics = metrics;
    }

    /** For the {@code @KafkaListener} below ({@code __listener} is this bean). */
    public String getListenerId() {
        return handler.listenerId();
    }

    public String getTopic() {
        return handler.topic();
    }

    @KafkaListener(id = "#{__listener.listenerId}", idIsGroup = false, topics = "#{__listener.topic}", batch = "true")
    void on(List<ConsumerRecord<String, E>> records, Consumer<?, ?> consumer) {
        int readable = 0;
        while (readable < records.size() && records.get(readable).value() != null) {
            readable++;
        }
        apply(records.subList(0, readable), consumer);
        if (readable < records.size()) {
            // The records before it are committed; the error handler dead-letters this one at once (a deserialization
            // failure is never retried) and delivers the records after it again.
            ConsumerRecord<String, E> unreadable = records.get(readable);
            throw new BatchListenerFailedException(Positions.position(unreadable) + " is unreadable",
                    readFailure(unreadable), readable);
        }
    }

    private void apply(List<ConsumerRecord<String, E>> records, Consumer<?, ?> consumer) {
        if (records.isEmpty()) {
            return;
        }
        List<Delivery<E>> deliveries = new ArrayList<>(records.size());
        for (ConsumerRecord<String, E> record : records) {
            deliveries.add(new Delivery<>(record, observations.start(record, consumer)));
        }
        try {
            transactions.executeWithoutResult(status -> applyTogether(deliveries));
        } catch (RuntimeException failure) {
            // Nothing of the batch was committed; its spans end with the failure that undid their work.
            deliveries.forEach(delivery -> delivery.abandon(failure));
            if (records.size() == 1 || failure instanceof CannotCreateTransactionException) {
                // It was this record's own transaction, or none began (no connection, say): trying again at once would
                // only repeat it, and in a database outage wait out the pool's timeout twice. The error handler's
                // back-off decides when.
                throw failed(records.get(0), failure, 0);
            }
            log.warn("Rolled back {} {} records applied in one transaction ({}); applying them one transaction each",
                    records.size(), handler.topic(), FailureLines.describe(failure));
            applyOneByOne(records, consumer);
            return;
        }
        deliveries.forEach(this::report);
    }

    /** Finds the record that fails on its own; those before it are committed and logged as usual. */
    private void applyOneByOne(List<ConsumerRecord<String, E>> records, Consumer<?, ?> consumer) {
        for (int index = 0; index < records.size(); index++) {
            ConsumerRecord<String, E> record = records.get(index);
            Delivery<E> delivery = new Delivery<>(record, observations.start(record, consumer));
            try {
                transactions.executeWithoutResult(status -> applyTogether(List.of(delivery)));
            } catch (RuntimeException failure) {
                delivery.abandon(failure);
                throw failed(record, failure, index);
            }
            report(delivery);
        }
    }

    private void applyTogether(List<Delivery<E>> deliveries) {
        List<Handled> handled = handler.apply(deliveries);
        if (handled.size() != deliveries.size()) {
            throw new IllegalStateException(handler.getClass().getSimpleName() + " answered " + handled.size()
                    + " outcomes for " + deliveries.size() + " records");
        }
        for (int i = 0; i < deliveries.size(); i++) {
            deliveries.get(i).handled(handled.get(i));
        }
    }

    /** Runs after the commit, in the record's trace: the counters and the ADR 3 line of one record. */
    private void report(Delivery<E> delivery) {
        try (Observation.Scope scope = delivery.observation().openScope()) {
            logAndCount(delivery.record(), delivery.handled());
        } finally {
            delivery.observation().stop();
        }
    }

    private void logAndCount(ConsumerRecord<String, E> record, Handled handled) {
        E event = record.value();
        String type = event.eventType();
        String where = Positions.position(record);
        String group = metrics.group();
        if (handled.isDuplicate()) {
            metrics.duplicate(type);
        } else if (handled.outOfOrder(event.sequence())) {
            metrics.outOfOrder(type);
            // Key-value pairs feed the structured (JSON) log format; the text line stays as ADR 3 shows it.
            log.atWarn().addKeyValue("orderId", event.orderId()).addKeyValue("eventType", type)
                    .addKeyValue("record", where).addKeyValue("group", group)
                    .log("OUT OF ORDER {} expected seq={}, applied anyway", Positions.line(event, record, group),
                            handled.expectedSequence());
        }
        metrics.handled(type, handled.outcome());
        log.atInfo().addKeyValue("orderId", event.orderId()).addKeyValue("eventType", type)
                .addKeyValue("record", where).addKeyValue("group", group)
                .log("{} -> {}", Positions.line(event, record, group), handled.summary());
    }

    private BatchListenerFailedException failed(ConsumerRecord<String, E> record, RuntimeException failure, int index) {
        return new BatchListenerFailedException(Positions.line(record.value(), record, metrics.group())
                + " could not be applied", failure, index);
    }

    /** The failure the {@code ErrorHandlingDeserializer} put in the record's headers. */
    private static Exception readFailure(ConsumerRecord<?, ?> record) {
        Exception failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, headerLog);
        return failure != null ? failure
                : new UnreadableEventException("record " + Positions.position(record) + " has no value");
    }
}
