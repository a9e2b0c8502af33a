package dev.orderflow.messaging.batch;

import dev.orderflow.events.Event;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.FailureLines;
import dev.orderflow.messaging.metrics.EventMetrics;
import io.micrometer.observation.Observation;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Publishes a record the error handler gave up on to {@code <topic>-dlt}, same partition, with spring-kafka's
 * {@code kafka_dlt-*} headers ({@link DeadLetterPublishingRecoverer}), then logs the record's one line and counts it
 * (ADR 2, ADR 3). An unreadable record is an expected condition, so its line carries the reason, not a stack trace.
 *
 * <p>The error handler calls this after the batch listener returned, outside the record's observation, so it observes
 * the record again: the line then carries the record's trace id like every other line about it (ADR 4).
 */
final class DeadLetterRecoverer implements ConsumerAwareRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final RecordObservations observations;
    private final EventMetrics metrics;

    DeadLetterRecoverer(DeadLetterPublishingRecoverer publisher, RecordObservations observations, EventMetrics metrics) {
        this.publisher = publisher;
        this.observations = observations;
        this.metrics = metrics;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        Exception failure = recordFailure(exception);
        String group = metrics.group();
        Observation observation = observations.start(record, consumer);
        observation.error(failure);
        try (Observation.Scope scope = observation.openScope()) {
            // Wrapped again as the container does, so spring-kafka writes the group into kafka_dlt-original-consumer-group.
            publisher.accept(record, consumer, new ListenerExecutionFailedException(failure.getMessage(), group, failure));
            String type = record.value() instanceof Event event ? event.eventType() : EventMetrics.UNREADABLE;
            String destination = "dead-lettered to " + Topics.deadLetterOf(record.topic()) + ": " + FailureLines.reason(failure);
            if (record.value() instanceof Event event) {
                // Readable but failing after its retries: a bug or bad data nobody expected, so the stack trace too.
                // No "->": in ADR 3's line that marks what was committed, and nothing of this record was.
                log.error(Positions.line(event, record, group) + " " + destination, failure);
            } else {
                log.warn(Positions.unreadableLine(record, group) + " -> " + destination);
            }
            metrics.handled(type, "dead-lettered");
            metrics.deadLettered(record.topic());
        } finally {
            observation.stop();
        }
    }

    /**
     * A batch listener's failure arrives wrapped twice, in the container's ListenerExecutionFailedException and the
     * BatchListenerFailedException that names the record; the dead letter's headers describe the record's own.
     */
    private static Exception recordFailure(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof BatchListenerFailedException && cause.getCause() instanceof Exception own) {
                return own;
            }
        }
        return exception;
    }
}
