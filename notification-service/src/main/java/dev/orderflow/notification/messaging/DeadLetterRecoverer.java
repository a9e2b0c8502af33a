package dev.orderflow.notification.messaging;

import dev.orderflow.events.Event;
import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Publishes a record the listener gave up on to {@code <topic>-dlt} (spring-kafka puts the exception in
 * its headers), then logs the one line of ADR 3 and counts it. An unreadable record is an expected
 * condition, so the line carries the reason, not a stack trace.
 */
public class DeadLetterRecoverer implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecoverer.class);

    private final DeadLetterPublishingRecoverer publisher;
    private final EventMetrics metrics;
    private final String group;

    public DeadLetterRecoverer(DeadLetterPublishingRecoverer publisher, EventMetrics metrics, String group) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.group = group;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        publisher.accept(record, exception);
        String line;
        String type;
        if (record.value() instanceof Event event) {
            line = EventLogLine.of(event, record, group);
            type = event.eventType();
        } else {
            line = EventLogLine.ofUnreadable(claimedType(record), record, group);
            type = EventMetrics.UNREADABLE;
        }
        log.warn("{} -> dead-lettered to {}: {}", line, Topics.deadLetterOf(record.topic()), reason(exception));
        metrics.handled(type, "dead-lettered");
        metrics.deadLettered(record.topic());
    }

    private static String claimedType(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        return header == null ? "(no " + EventHeaders.EVENT_TYPE + ")" : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The contract's own explanation when there is one, else the innermost cause. */
    private static String reason(Exception exception) {
        Throwable explained = NestedExceptionUtils.getMostSpecificCause(exception);
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableEventException) {
                explained = cause;
                break;
            }
        }
        // One log line per record, even when a driver's message spans several.
        return String.valueOf(explained.getMessage()).replaceAll("\\s+", " ");
    }
}
