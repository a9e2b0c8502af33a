package dev.orderflow.notification.messaging;

import dev.orderflow.events.Event;
import dev.orderflow.events.UnreadableEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.NestedExceptionUtils;

/**
 * The start of the one line logged per handled record (ADR 3), e.g.
 * {@code OrderConfirmed orderId=7f1c… seq=2 order-events-1@17 group=notification-service}.
 */
final class EventLogLine {

    private EventLogLine() {
    }

    static String of(Event event, ConsumerRecord<?, ?> record, String group) {
        return event.eventType() + " orderId=" + event.orderId() + " seq=" + event.sequence() + " "
                + position(record) + " group=" + group;
    }

    /** For a record that never became an event: what its headers and key claim. */
    static String ofUnreadable(String claimedType, ConsumerRecord<?, ?> record, String group) {
        return claimedType + " key=" + record.key() + " " + position(record) + " group=" + group;
    }

    static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /**
     * Why a record failed, for the end of its line: the contract's own explanation when there is one, else the
     * innermost cause. Lines carry this, not a stack trace; a dead letter's headers keep the whole trace.
     */
    static String reason(Throwable failure) {
        Throwable explained = NestedExceptionUtils.getMostSpecificCause(failure);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableEventException) {
                explained = cause;
                break;
            }
        }
        // One log line per record, even when a driver's message spans several.
        return String.valueOf(explained.getMessage()).replaceAll("\\s+", " ");
    }
}
