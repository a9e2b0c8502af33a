package dev.orderflow.messaging.batch;

import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.messaging.FailureLines;
import dev.orderflow.messaging.metrics.EventMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * One line and one count ({@code orderflow.events.failed.attempts}) per failed attempt at a record, without a stack
 * trace: the error handler's own log, which would repeat each with one, is turned down. An unreadable record is not
 * retried; its dead letter says it all.
 */
final class FailedAttempts implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(FailedAttempts.class);

    private final EventMetrics metrics;

    FailedAttempts(EventMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        metrics.failedAttempt(record.topic(), root.getClass().getSimpleName());
        if (!isUnreadable(failure)) {
            // No "->": in ADR 3's line that marks what was committed.
            log.warn("{} attempt {} failed: {}", Positions.lineOf(record, metrics.group()), deliveryAttempt,
                    FailureLines.reason(failure));
        }
    }

    @Override
    public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
        log.error("{} could not be dead-lettered, will be tried again: {}", Positions.lineOf(record, metrics.group()),
                FailureLines.describe(failure));
    }

    private static boolean isUnreadable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DeserializationException || cause instanceof UnreadableEventException) {
                return true;
            }
        }
        return false;
    }
}
