package dev.orderflow.events.kafka;

import dev.orderflow.events.Event;
import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record into the event its {@code event-type} header names. Wrap it in spring-kafka's
 * {@code ErrorHandlingDeserializer} so an unreadable record reaches the error handler (and the
 * dead-letter topic) instead of stopping the partition.
 */
public abstract class EventDeserializer<E extends Event> implements Deserializer<E> {

    private final Class<E> expected;

    protected EventDeserializer(Class<E> expected) {
        this.expected = expected;
    }

    @Override
    public E deserialize(String topic, byte[] data) {
        throw new UnreadableEventException("record on " + topic + " has no headers, so no " + EventHeaders.EVENT_TYPE);
    }

    @Override
    public E deserialize(String topic, Headers headers, byte[] data) {
        Header type = headers.lastHeader(EventHeaders.EVENT_TYPE);
        if (type == null) {
            throw new UnreadableEventException("record on " + topic + " has no " + EventHeaders.EVENT_TYPE + " header");
        }
        return EventJson.read(new String(type.value(), StandardCharsets.UTF_8), data, expected);
    }
}
