package dev.orderflow.notification;

import dev.orderflow.events.Event;
import dev.orderflow.events.Topics;
import dev.orderflow.events.kafka.EventSerializer;
import dev.orderflow.testsupport.FreshDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * The one Spring context of the integration tests: the whole service against a fresh PostgreSQL database
 * and the in-process KRaft broker that Failsafe starts once for the run. Every test works on its own
 * random orderIds, so tests never see each other's notifications. Tracing and the Prometheus registry are on,
 * as in production (Boot's tests switch both off unless asked).
 */
@SpringBootTest(properties = {
        "spring.kafka.bootstrap-servers=${" + EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS + "}",
        // Short back-off so that a failing record reaches the dead-letter topic within a second.
        "orderflow.notification.retry.initial-interval=20ms",
        "orderflow.notification.retry.max-interval=100ms",
        "orderflow.notification.retry.max-retries=2"})
@AutoConfigureMockMvc
@AutoConfigureMetrics
@AutoConfigureTracing
@ContextConfiguration(initializers = FreshDatabase.class)
public abstract class IntegrationTest {

    private static Producer<String, Event> eventProducer;
    private static Producer<String, byte[]> rawProducer;

    @Autowired
    protected MockMvcTester mvc;

    @Autowired
    protected MeterRegistry meterRegistry;

    @BeforeAll
    static void openProducers() {
        String brokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        eventProducer = new KafkaProducer<>(KafkaTestUtils.producerProps(brokers), new StringSerializer(),
                new EventSerializer());
        rawProducer = new KafkaProducer<>(KafkaTestUtils.producerProps(brokers), new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterAll
    static void closeProducers() {
        eventProducer.close();
        rawProducer.close();
    }

    /** Records published before the group owns every partition would make the first test slow, not wrong. */
    @BeforeEach
    void waitUntilTheListenerOwnsEveryPartition(@Autowired KafkaListenerEndpointRegistry registry,
            @Value("${orderflow.topics.partitions}") int partitions) {
        ContainerTestUtils.waitForAssignment(registry.getListenerContainer("order-events"), partitions);
    }

    /** Publishes as order-service does: keyed by orderId, acknowledged before the next one is sent. */
    protected static void publish(Event event) {
        send(eventProducer, new ProducerRecord<>(Topics.ORDER_EVENTS, event.orderId().toString(), event));
    }

    /** Publishes a record as built by the test, e.g. with the headers order-service's producer would add. */
    protected static void publish(ProducerRecord<String, Event> record) {
        send(eventProducer, record);
    }

    protected static void publishRaw(ProducerRecord<String, byte[]> record) {
        send(rawProducer, record);
    }

    /**
     * Publishes the records in one go, values being events or raw bytes. The records of one partition leave as one
     * producer batch, which the broker appends at once, so a consumer reads them all in the same poll: they reach
     * the listener together, as under load.
     */
    protected static void publishTogether(List<ProducerRecord<String, Object>> records) {
        Map<String, Object> properties = KafkaTestUtils.producerProps(
                System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS));
        // Nothing leaves before flush(), and no batch fills up.
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 60_000);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        try (Producer<String, Object> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new EventOrBytesSerializer())) {
            List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
            producer.flush();
            for (Future<RecordMetadata> result : sent) {
                result.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish " + records, e.getCause());
        }
    }

    private static <V> void send(Producer<String, V> producer, ProducerRecord<String, V> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish " + record, e.getCause());
        }
    }

    protected double count(String counter, String... tags) {
        Counter found = meterRegistry.find(counter).tags("group", "notification-service").tags(tags).counter();
        return found == null ? 0 : found.count();
    }

    protected static UUID newOrderId() {
        return UUID.randomUUID();
    }

    /** An event as order-service writes it, bytes as they are: the value of a record that is no event. */
    private static final class EventOrBytesSerializer implements Serializer<Object> {

        private final EventSerializer events = new EventSerializer();

        @Override
        public byte[] serialize(String topic, Object value) {
            return value instanceof byte[] bytes ? bytes : events.serialize(topic, (Event) value);
        }

        @Override
        public byte[] serialize(String topic, Headers headers, Object value) {
            return value instanceof byte[] bytes ? bytes : events.serialize(topic, headers, (Event) value);
        }
    }
}
