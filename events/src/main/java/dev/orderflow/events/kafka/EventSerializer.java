package dev.orderflow.events.kafka;

import dev.orderflow.events.Event;
import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/** Writes an event as JSON and stamps the {@code event-type} and {@code event-id} headers. */
public class EventSerializer implements Serializer<Event> {

    @Override
    public byte[] serialize(String topic, Event event) {
        return event == null ? null : EventJson.write(event);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Event event) {
        if (event == null) {
            return null;
        }
        headers.remove(EventHeaders.EVENT_TYPE).add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        headers.remove(EventHeaders.EVENT_ID).add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        return EventJson.write(event);
    }
}
