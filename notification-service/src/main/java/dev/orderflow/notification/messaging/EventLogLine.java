package dev.orderflow.notification.messaging;

import dev.orderflow.events.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
