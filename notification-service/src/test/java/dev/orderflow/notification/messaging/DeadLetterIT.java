package dev.orderflow.notification.messaging;

import static dev.orderflow.notification.TestEvents.cancelled;
import static dev.orderflow.notification.TestEvents.confirmed;
import static dev.orderflow.notification.TestEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.notification.IntegrationTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

class DeadLetterIT extends IntegrationTest {

    private static final String DEAD_LETTERS = Topics.deadLetterOf(Topics.ORDER_EVENTS);

    private Consumer<String, byte[]> deadLetterReader;

    @BeforeEach
    void readDeadLettersFromTheStart() {
        deadLetterReader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS)),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = deadLetterReader.partitionsFor(DEAD_LETTERS).stream()
                .map(partition -> new TopicPartition(DEAD_LETTERS, partition.partition()))
                .toList();
        deadLetterReader.assign(partitions);
        deadLetterReader.seekToBeginning(partitions);
    }

    @AfterEach
    void closeReader() {
        deadLetterReader.close();
    }

    @Test
    void deadLettersUnreadableRecordsAndHandlesTheNextOneOnTheirPartition() {
        UUID orderId = newOrderId();
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        OrderPlaced valid = placed(orderId, 1, new OrderLine("SKU-001", 1));
        byte[] unknownTypeJson = EventJson.write(valid);

        publishRaw(recordOf(orderId, "OrderPlaced", notJson));
        publishRaw(recordOf(orderId, "OrderShipped", unknownTypeJson));
        publish(valid);

        await().untilAsserted(() -> assertThat(mvc.get().uri("/api/notifications?orderId={id}", orderId))
                .hasStatusOk().bodyJson().extractingPath("$[*].eventType").asArray().containsExactly("OrderPlaced"));
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLettersOf(orderId, 2);
        assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactly(notJson, unknownTypeJson);
        assertThat(deadLetters).allSatisfy(deadLetter -> {
            assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN))
                    .isEqualTo(DeserializationException.class.getName());
            assertThat(ByteBuffer.wrap(deadLetter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value())
                    .getInt()).as("same partition as the original").isEqualTo(deadLetter.partition());
        });
        String unreadable = UnreadableEventException.class.getName() + ": ";
        assertThat(header(deadLetters.get(0), KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
                .contains(unreadable + "event 'OrderPlaced' is not valid JSON");
        assertThat(header(deadLetters.get(1), KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
                .contains(unreadable + "unknown event type 'OrderShipped'");
    }

    @Test
    void deadLettersAnEventThatKeepsFailingAsTheEventItWas() {
        UUID orderId = newOrderId();
        // The contract caps customerId at 64 characters; the column enforces it, so this insert always fails.
        OrderCancelled tooLong = new OrderCancelled(UUID.randomUUID(), orderId, 1, Instant.now(), "c".repeat(65));

        publish(tooLong);

        ConsumerRecord<String, byte[]> deadLetter = deadLettersOf(orderId, 1).get(0);
        assertThat(EventJson.read(header(deadLetter, EventHeaders.EVENT_TYPE), deadLetter.value(), OrderEvent.class))
                .isEqualTo(tooLong);
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(DataIntegrityViolationException.class.getName());
        assertThat(mvc.get().uri("/api/notifications?orderId={id}", orderId)).hasStatusOk().bodyJson().isEqualTo("[]");
    }

    @Test
    void deadLettersAnUnreadableRecordInTheMiddleOfABatchAndStoresTheRecordsAroundItOnce() {
        UUID orderId = newOrderId();
        byte[] notJson = "{not json".getBytes(StandardCharsets.UTF_8);
        double placedDuplicatesBefore = count("orderflow.events.duplicates", "type", "OrderPlaced");
        double confirmedDuplicatesBefore = count("orderflow.events.duplicates", "type", "OrderConfirmed");
        double cancelledBefore = count("orderflow.events.handled", "type", "OrderCancelled", "outcome", "notified");

        // One partition, one producer batch: the listener gets the four records in one call.
        publishTogether(List.of(
                together(placed(orderId, 1, new OrderLine("SKU-001", 1))),
                together(confirmed(orderId, 2)),
                recordOf(orderId, "OrderPlaced", notJson),
                together(cancelled(orderId, 3))));

        ConsumerRecord<String, byte[]> deadLetter = deadLettersOf(orderId, 1).get(0);
        assertThat(deadLetter.value()).isEqualTo(notJson);
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(DeserializationException.class.getName());
        assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("notification-service");
        // The records after the unreadable one are delivered again, the ones before it not: once the last is
        // counted, any second pass over the first two would have been counted before it.
        await().untilAsserted(() -> assertThat(count("orderflow.events.handled", "type", "OrderCancelled", "outcome",
                "notified")).isEqualTo(cancelledBefore + 1));
        assertThat(mvc.get().uri("/api/notifications?orderId={id}", orderId)).hasStatusOk().bodyJson()
                .extractingPath("$[*].eventType").asArray().containsExactly("OrderPlaced", "OrderConfirmed", "OrderCancelled");
        assertThat(count("orderflow.events.duplicates", "type", "OrderPlaced")).isEqualTo(placedDuplicatesBefore);
        assertThat(count("orderflow.events.duplicates", "type", "OrderConfirmed")).isEqualTo(confirmedDuplicatesBefore);
    }

    @Test
    void deadLettersAFailingEventInTheMiddleOfABatchAndStoresTheEventsAroundItOnce() {
        UUID before = newOrderId();
        UUID failing = newOrderId();
        UUID after = newOrderId();
        OrderCancelled tooLong = new OrderCancelled(UUID.randomUUID(), failing, 1, Instant.now(), "c".repeat(65));
        double duplicatesBefore = count("orderflow.events.duplicates", "type", "OrderPlaced");
        double placedBefore = count("orderflow.events.handled", "type", "OrderPlaced", "outcome", "notified");

        // One key, so one partition and one producer batch: the listener gets the three records in one call, its
        // transaction fails, and the events are stored again one transaction each up to the failing one.
        String key = before.toString();
        publishTogether(List.of(
                new ProducerRecord<>(Topics.ORDER_EVENTS, key, placed(before, 1, new OrderLine("SKU-001", 1))),
                new ProducerRecord<>(Topics.ORDER_EVENTS, key, tooLong),
                new ProducerRecord<>(Topics.ORDER_EVENTS, key, placed(after, 1, new OrderLine("SKU-002", 1)))));

        ConsumerRecord<String, byte[]> deadLetter = deadLettersOf(before, 1).get(0);
        assertThat(EventJson.read(header(deadLetter, EventHeaders.EVENT_TYPE), deadLetter.value(), OrderEvent.class))
                .isEqualTo(tooLong);
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
                .isEqualTo(DataIntegrityViolationException.class.getName());
        await().untilAsserted(() -> assertThat(count("orderflow.events.handled", "type", "OrderPlaced", "outcome",
                "notified")).isEqualTo(placedBefore + 2));
        assertThat(mvc.get().uri("/api/notifications?orderId={id}", before)).hasStatusOk().bodyJson()
                .extractingPath("$[*].eventType").asArray().containsExactly("OrderPlaced");
        assertThat(mvc.get().uri("/api/notifications?orderId={id}", failing)).hasStatusOk().bodyJson().isEqualTo("[]");
        assertThat(mvc.get().uri("/api/notifications?orderId={id}", after)).hasStatusOk().bodyJson()
                .extractingPath("$[*].eventType").asArray().containsExactly("OrderPlaced");
        assertThat(count("orderflow.events.duplicates", "type", "OrderPlaced"))
                .as("the event before the failing one, stored in its own transaction, is not delivered again")
                .isEqualTo(duplicatesBefore);
    }

    private static ProducerRecord<String, Object> together(OrderEvent event) {
        return new ProducerRecord<>(Topics.ORDER_EVENTS, event.orderId().toString(), event);
    }

    private static <V> ProducerRecord<String, V> recordOf(UUID orderId, String eventType, V value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(Topics.ORDER_EVENTS, null, orderId.toString(), value, headers);
    }

    private List<ConsumerRecord<String, byte[]>> deadLettersOf(UUID orderId, int expected) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().untilAsserted(() -> {
            deadLetterReader.poll(Duration.ofMillis(100)).forEach(record -> {
                if (orderId.toString().equals(record.key())) {
                    found.add(record);
                }
            });
            assertThat(found).hasSize(expected);
        });
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
