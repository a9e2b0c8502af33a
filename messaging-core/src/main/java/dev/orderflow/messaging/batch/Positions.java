package dev.orderflow.messaging.batch;

import dev.orderflow.events.Event;
import dev.orderflow.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The start of the one line logged per record (ADR 3), e.g.
 * {@code OrderPlaced orderId=7f1c… seq=1 order-events-3@42 group=inventory-service}; e2e-tests parse it.
 */
final class Positions {

    private Positions() {
    }

    static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    static String line(Event event, ConsumerRecord<?, ?> record, String group) {
        return event.eventType() + " orderId=" + event.orderId() + " seq=" + event.sequence() + " " + position(record)
                + " group=" + group;
    }

    /** For a record that never became an event: what its headers and key claim. */
    static String unreadableLine(ConsumerRecord<?, ?> record, String group) {
        Header header = record.headers().lastHeader(EventHeaders.EVENT_TYPE);
        String claimedType = header == null ? "(no " + EventHeaders.EVENT_TYPE + ")"
                : new String(header.value(), StandardCharsets.UTF_8);
        return claimedType + " key=" + record.key() + " " + position(record) + " group=" + group;
    }

    static String lineOf(ConsumerRecord<?, ?> record, String group) {
        return record.value() instanceof Event event ? line(event, record, group) : unreadableLine(record, group);
    }
}
