package dev.orderflow.deadletters;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The tool against a real KRaft broker, reading dead letters written by spring-kafka's own
 * {@link DeadLetterPublishingRecoverer}, as the services write them. Each test uses topics of its own.
 */
class DeadLettersCliIT {

    private static final int PARTITIONS = 3;

    private static EmbeddedKafkaKraftBroker broker;
    private static DefaultKafkaProducerFactory<byte[], byte[]> producerFactory;
    private static DeadLetterPublishingRecoverer deadLetters;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startKafka() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.afterPropertiesSet();
        producerFactory = new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new ByteArraySerializer(), new ByteArraySerializer());
        // Like the services: <topic>-dlt, same partition as the failed record.
        deadLetters = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producerFactory));
    }

    @AfterAll
    static void stopKafka() {
        producerFactory.destroy();
        broker.destroy();
    }

    @Test
    void listsADeadLetterThenRedrivesItToItsSourceTopicAsItWasBeforeItFailed() throws Exception {
        String source = newTopicWithDeadLetters("order-events");
        String orderId = UUID.randomUUID().toString();
        String value = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + orderId + "\",\"sequence\":1}";
        ConsumerRecord<byte[], byte[]> failed = publishAndReadBack(source, orderId, value,
                List.of(header("event-type", "OrderPlaced"), header("event-id", "e-1")));
        deadLetters.accept(failed, new ListenerExecutionFailedException("Listener failed",
                new IllegalStateException("no stock row for SKU-404")));
        String position = failed.partition() + "@0";

        int listed = cli("list", source + "-dlt", "--bootstrap-servers", broker.getBrokersAsString());

        assertThat(listed).as("exit status of list; stderr: %s", err).isZero();
        assertThat(out.toString(UTF_8)).contains(
                position + "  key=" + orderId + "  event-type=OrderPlaced  from " + source + "-" + failed.partition() + "@0",
                "    exception  " + ListenerExecutionFailedException.class.getName(),
                "    message    Listener failed",
                "    value      " + value,
                "1 record in " + source + "-dlt (3 partitions)");

        out.reset();
        int redriven = cli("redrive", source + "-dlt", position, "--bootstrap-servers", broker.getBrokersAsString());

        assertThat(redriven).as("exit status of redrive; stderr: %s", err).isZero();
        assertThat(out.toString(UTF_8)).contains(position + " -> " + source + "-" + failed.partition() + "@1  key=" + orderId
                + "  event-type=OrderPlaced", "re-drove 1 record from " + source + "-dlt");
        ConsumerRecord<byte[], byte[]> again = await("the re-driven record in " + source).atMost(Duration.ofSeconds(15))
                .until(() -> recordsIn(source), records -> records.size() == 2).get(1);
        assertThat(again.partition()).isEqualTo(failed.partition());
        assertThat(new String(again.key(), UTF_8)).isEqualTo(orderId);
        assertThat(new String(again.value(), UTF_8)).isEqualTo(value);
        assertThat(again.headers().toArray()).extracting(Header::key, header -> new String(header.value(), UTF_8))
                .containsExactly(tuple("event-type", "OrderPlaced"),
                        tuple("event-id", "e-1"));
    }

    @Test
    void redrivesEveryRecordInPartitionThenOffsetOrder() throws Exception {
        String source = newTopicWithDeadLetters("inventory-events");
        List<String> keys = Stream.generate(() -> UUID.randomUUID().toString()).limit(4).toList();
        for (String key : keys) {
            deadLetters.accept(publishAndReadBack(source, key, "{}", List.of(header("event-type", "StockReserved"))),
                    new IllegalStateException("boom"));
        }
        List<String> expected = recordsIn(source + "-dlt").stream()
                .map(record -> record.partition() + "@" + record.offset() + " -> " + source + "-" + record.partition() + "@")
                .sorted().toList();

        int redriven = cli("redrive", source + "-dlt", "--all", "--bootstrap-servers", broker.getBrokersAsString());

        assertThat(redriven).as("exit status of redrive --all; stderr: %s", err).isZero();
        List<String> lines = out.toString(UTF_8).lines().filter(line -> line.contains(" -> ")).toList();
        assertThat(lines).hasSize(4);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).startsWith(expected.get(i));
        }
        await("4 re-driven records in " + source).atMost(Duration.ofSeconds(15))
                .until(() -> recordsIn(source).size(), size -> size == 8);
    }

    @Test
    void sendsNothingWhenOneChosenPositionHoldsNoRecord() throws Exception {
        String source = newTopicWithDeadLetters("order-events");
        ConsumerRecord<byte[], byte[]> failed = publishAndReadBack(source, "order-1", "{}", List.of());
        deadLetters.accept(failed, new IllegalStateException("boom"));
        String present = failed.partition() + "@0";
        String absent = failed.partition() + "@5";

        int status = cli("redrive", source + "-dlt", present, absent, "--bootstrap-servers", broker.getBrokersAsString());

        assertThat(status).isEqualTo(DeadLettersCli.FAILED);
        assertThat(err.toString(UTF_8)).contains("no record at " + absent + " in " + source + "-dlt: partition "
                + failed.partition() + " holds offsets 0-0");
        assertThat(out.toString(UTF_8)).doesNotContain(" -> ");
        assertThat(recordsIn(source)).hasSize(1);
    }

    @Test
    void namesTheDeadLetterTopicsThereAreWhenAskedForAnUnknownOne() {
        String source = newTopicWithDeadLetters("order-events");

        int status = cli("list", "no-such-topic-dlt", "--bootstrap-servers", broker.getBrokersAsString());

        assertThat(status).isEqualTo(DeadLettersCli.FAILED);
        assertThat(err.toString(UTF_8)).contains("there is no topic 'no-such-topic-dlt'; dead-letter topics in this cluster: ")
                .contains(source + "-dlt");
    }

    private int cli(String... arguments) {
        return new DeadLettersCli(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8))
                .run(List.of(arguments), Map.of());
    }

    private static String newTopicWithDeadLetters(String prefix) {
        String source = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        broker.addTopics(new NewTopic(source, PARTITIONS, (short) 1), new NewTopic(source + "-dlt", PARTITIONS, (short) 1));
        return source;
    }

    /** What a listener would have received: the record as Kafka returns it, with its real partition and offset. */
    private static ConsumerRecord<byte[], byte[]> publishAndReadBack(String topic, String key, String value, List<Header> headers)
            throws Exception {
        RecordMetadata sent;
        try (Producer<byte[], byte[]> producer = producerFactory.createProducer()) {
            sent = producer.send(new ProducerRecord<>(topic, null, key.getBytes(UTF_8), value.getBytes(UTF_8), headers))
                    .get(10, TimeUnit.SECONDS);
        }
        return recordsIn(topic).stream()
                .filter(record -> record.partition() == sent.partition() && record.offset() == sent.offset())
                .findFirst().orElseThrow();
    }

    private static List<ConsumerRecord<byte[], byte[]>> recordsIn(String topic) {
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", broker.getBrokersAsString(), "enable.auto.commit", false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await("every record of " + topic).atMost(Duration.ofSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return records;
        }
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(UTF_8));
    }
}
