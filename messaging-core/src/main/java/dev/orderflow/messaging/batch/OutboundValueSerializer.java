package dev.orderflow.messaging.batch;

import dev.orderflow.events.Event;
import dev.orderflow.events.kafka.EventSerializer;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * The one value serializer of a service's producer ({@code spring.kafka.producer.value-serializer}): the outbox relay
 * sends JSON already written ({@code byte[]}), and the dead-letter recoverer sends either an event that failed
 * ({@link Event}) or the raw bytes of a record that could not be read ({@code byte[]}). One producer serves all three.
 */
public class OutboundValueSerializer extends DelegatingByTypeSerializer {

    public OutboundValueSerializer() {
        super(Map.of(byte[].class, new ByteArraySerializer(), Event.class, new EventSerializer()), true);
    }
}
