package dev.orderflow.order;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.Event;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.InventoryEvent;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.events.kafka.EventSerializer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Plays inventory-service for the tests: records what order-service publishes on {@code order-events} and what
 * lands in {@code inventory-events-dlt}, and sends replies on {@code inventory-events}. Its templates are fields,
 * not beans, so Boot's own {@code KafkaTemplate} stays the one the service uses.
 */
@TestComponent
public class KafkaProbe {

    private static final String RAW_VALUES = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer";

    private final List<ConsumerRecord<String, byte[]>> orderEvents = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> deadLetters = new CopyOnWriteArrayList<>();
    private final KafkaTemplate<String, Event> events;
    private final KafkaTemplate<String, byte[]> raw;

    KafkaProbe(ProducerFactory<Object, Object> producerFactory) {
        Map<String, Object> config = producerFactory.getConfigurationProperties();
        this.events = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new EventSerializer()));
        this.raw = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer()));
    }

    @KafkaListener(id = "probe-order-events", topics = Topics.ORDER_EVENTS, groupId = "test-probe", properties = RAW_VALUES)
    void onOrderEvent(ConsumerRecord<String, byte[]> record) {
        orderEvents.add(record);
    }

    @KafkaListener(id = "probe-dead-letters", topics = "inventory-events-dlt", groupId = "test-probe", properties = RAW_VALUES)
    void onDeadLetter(ConsumerRecord<String, byte[]> record) {
        deadLetters.add(record);
    }

    /** The records published for one order, in arrival order. */
    public List<ConsumerRecord<String, byte[]>> orderEventRecords(UUID orderId) {
        return orderEvents.stream().filter(record -> orderId.toString().equals(record.key())).toList();
    }

    /** The events published for one order, read as the contract reads them. */
    public List<OrderEvent> orderEvents(UUID orderId) {
        return orderEventRecords(orderId).stream()
                .map(record -> EventJson.read(header(record, EventHeaders.EVENT_TYPE), record.value(), OrderEvent.class))
                .toList();
    }

    public List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        return deadLetters.stream().filter(record -> key.equals(record.key())).toList();
    }

    public void reply(InventoryEvent event) {
        events.send(Topics.INVENTORY_EVENTS, event.orderId().toString(), event).join();
    }

    /** A reply as inventory-service sends it from within a trace: with that trace's {@code traceparent} header. */
    public void reply(InventoryEvent event, String traceparent) {
        ProducerRecord<String, Event> record =
                new ProducerRecord<>(Topics.INVENTORY_EVENTS, event.orderId().toString(), event);
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        events.send(record).join();
    }

    public void sendRaw(String key, String eventType, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INVENTORY_EVENTS, key, value);
        record.headers().add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        raw.send(record).join();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
