package dev.orderflow.notification.messaging;

import dev.orderflow.events.Event;
import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.Topics;
import io.micrometer.observation.Observation;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Publishes a record the listener gave up on to {@code <topic>-dlt} (spring-kafka puts the exception in
 * its headers), then logs the one line of ADR 3 and counts it. An unreadable record is an expected
 * condition, so the line carries the reason, not a stack trace.
 *
 * <p>The error handler calls this after the batch listener has returned, outside the record's observation, so it
 * observes the record again: the line then carries the record's trace id like every other line about it (ADR 4).
 */
public class DeadLetterRecoverer implements ConsumerAwareRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final RecordObservations observations;
    private final EventMetrics metrics;
    private final String group;

    public DeadLetterRecoverer(DeadLetterPublishingRecoverer publisher, RecordObservations observations,
            EventMetrics metrics, String group) {
        this.publisher = publisher;
        this.observations = observations;
        this.metrics = metrics;
        this.group = group;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        Exception failure = recordFailure(exception);
        Observation observation = observations.start(record, RecordObservations.clientIdOf(consumer));
        observation.error(failure);
        try (Observation.Scope scope = observation.openScope()) {
            // Wrapped again as the container does, so spring-kafka writes the group into kafka_dlt-original-consumer-group.
            publisher.accept(record, consumer, new ListenerExecutionFailedException(failure.getMessage(), group, failure));
            String line;
            String type;
            if (record.value() instanceof Event event) {
                line = EventLogLine.of(event, record, group);
                type = event.eventType();
            } else {
                line = EventLogLine.ofUnreadable(claimedType(record), record, group);
                type = EventMetrics.UNREADABLE;
            }
            log.warn("{} -> dead-lettered to {}: {}", line, Topics.deadLetterOf(record.topic()),
                    EventLogLine.reason(failure));
            metrics.handled(type, "dead-lettered");
            metrics.deadLettered(record.topic());
        } finally {
            observation.stop();
        }
    }

    private static String claimedType(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        return header == null ? "(no " + EventHeaders.EVENT_TYPE + ")" : new String(header.value(), StandardCharsets.UTF_8);
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
