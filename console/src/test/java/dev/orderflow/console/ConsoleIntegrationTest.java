package dev.orderflow.console;

import static org.awaitility.Awaitility.await;

import dev.orderflow.console.messaging.ConsoleConsumer;
import dev.orderflow.events.Event;
import dev.orderflow.events.Topics;
import dev.orderflow.events.kafka.EventSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * The one Spring context of the integration tests: the console on a random port against the in-process KRaft broker
 * that Failsafe starts once for the run. The tests play the services' part: they publish events as order-service and
 * inventory-service do and commit offsets for the services' consumer groups. No service answers its metrics URL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${" + EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS + "}",
        "orderflow.console.refresh-interval=300ms",
        "orderflow.console.publish-interval=200ms",
        "orderflow.console.metrics-interval=1s",
        "orderflow.console.services.order-service=http://127.0.0.1:9",
        "orderflow.console.services.inventory-service=http://127.0.0.1:9",
        "orderflow.console.services.notification-service=http://127.0.0.1:9",
        "orderflow.console.trace-url-template=http://traces.test/trace/{traceId}",
        "orderflow.console.auth.issuer=http://auth.test"})
public abstract class ConsoleIntegrationTest {

    protected static final int PARTITIONS = 6;
    protected static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    protected static Admin admin;
    private static Producer<String, Event> events;
    private static Producer<String, byte[]> raw;

    @LocalServerPort
    protected int port;

    @Autowired
    private ConsoleConsumer consumer;

    protected static String brokers() {
        return System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
    }

    /** The topics the services would create, before the console starts (it creates none itself). */
    @BeforeAll
    static void createTopicsAndClients() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()));
        List<NewTopic> topics = Stream.of(Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS)
                .flatMap(t -> Stream.of(t, Topics.deadLetterOf(t)))
                .map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
        for (NewTopic topic : topics) {
            try {
                admin.createTopics(List.of(topic)).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        events = new KafkaProducer<>(KafkaTestUtils.producerProps(brokers()), new StringSerializer(), new EventSerializer());
        raw = new KafkaProducer<>(KafkaTestUtils.producerProps(brokers()), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void closeClients() {
        events.close();
        raw.close();
        admin.close();
    }

    /** Records written before the console's consumer sits at the end of every partition would not be seen. */
    @BeforeEach
    void waitUntilTheConsoleReadsEveryPartition() {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.partitionsReading() == 4 * PARTITIONS);
    }

    /** Publishes as the services' outbox relays do: keyed by orderId, event headers, the order's traceparent. */
    protected static RecordMetadata publish(String topic, Event event) throws Exception {
        ProducerRecord<String, Event> record = new ProducerRecord<>(topic, event.orderId().toString(), event);
        record.headers().add("traceparent", TRACEPARENT.getBytes());
        return events.send(record).get();
    }

    protected static RecordMetadata publishRaw(ProducerRecord<String, byte[]> record) throws Exception {
        return raw.send(record).get();
    }

    /** Commits for a group with no live member, as a service that handled the record and then stopped would have. */
    protected static void commit(String group, RecordMetadata handled) throws Exception {
        admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(handled.topic(), handled.partition()),
                new OffsetAndMetadata(handled.offset() + 1))).all().get();
    }
}
