package dev.orderflow.messaging.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.EventJson;
import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.testapp.CoreIntegrationTest;
import dev.orderflow.messaging.testapp.TestHandler;
import dev.orderflow.messaging.testapp.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

@CoreIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class BatchListenerIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static Topic deadLetters;
    private static Topic replies;

    @Autowired
    TestHandler handler;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeAll
    static void readTopics() {
        deadLetters = new Topic(Topics.deadLetterOf(Topics.ORDER_EVENTS));
        replies = new Topic(Topics.INVENTORY_EVENTS);
    }

    @AfterAll
    static void close() {
        deadLetters.close();
        replies.close();
    }

    @Test
    void appliesAPollInOneTransactionEachEventOnceAndLogsEachCommittedRecord(CapturedOutput output) {
        UUID order = UUID.randomUUID();
        OrderPlaced placed = placed(order, 1);
        List<ProducerRecord<String, byte[]>> records = List.of(record(placed), record(cancelled(order, 2)),
                record(placed), record(cancelled(UUID.randomUUID(), 1)));
        double duplicatesBefore = count("orderflow.events.duplicates", "OrderPlaced");

        whileTheListenerIsPaused(() -> Topic.sendAll(records));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(linesAbout(output, order)).hasSize(3));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM applied_events WHERE order_id = ?", Integer.class, order))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT txid) FROM applied_events WHERE order_id = ?",
                Integer.class, order)).as("one transaction for the poll").isEqualTo(1);
        assertThat(linesAbout(output, order)).satisfiesExactly(
                line -> assertThat(line).containsPattern("OrderPlaced orderId=" + order
                        + " seq=1 order-events-\\d+@\\d+ group=messaging-core -> applied, answered StockReleased$"),
                line -> assertThat(line).contains("OrderCancelled orderId=" + order + " seq=2 ")
                        .endsWith("-> applied, answered StockReleased"),
                line -> assertThat(line).contains("OrderPlaced orderId=" + order + " seq=1 ")
                        .endsWith("-> duplicate, skipped"));
        assertThat(count("orderflow.events.duplicates", "OrderPlaced")).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void logsAndCountsAnEventThatSkipsASequenceAndStillAppliesIt(CapturedOutput output) {
        UUID order = UUID.randomUUID();
        double before = count("orderflow.events.out.of.order", "OrderCancelled");
        Topic.send(record(placed(order, 1)));
        Topic.send(record(cancelled(order, 3)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("OUT OF ORDER OrderCancelled orderId=" + order + " seq=3 ")))
                .singleElement().asString().contains("expected seq=2"));
        assertThat(count("orderflow.events.out.of.order", "OrderCancelled")).isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM applied_events WHERE order_id = ?", Integer.class, order))
                .isEqualTo(2);
    }

    @Test
    void deadLettersAnUnreadableRecordInTheMiddleOfABatchAndAppliesTheRecordsAroundItOnce(CapturedOutput output) {
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> unreadable = new ProducerRecord<>(Topics.ORDER_EVENTS, partitionOf(before), key,
                "not json".getBytes(StandardCharsets.UTF_8));
        unreadable.headers().add(EventHeaders.EVENT_TYPE, "OrderPlaced".getBytes(StandardCharsets.UTF_8));

        whileTheListenerIsPaused(() -> Topic.sendAll(List.of(record(placed(before, 1)), unreadable,
                withPartition(record(placed(after, 1)), partitionOf(before)))));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.records())
                .filteredOn(record -> key.equals(record.key())).singleElement().satisfies(record -> {
                    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
                    assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.ORDER_EVENTS);
                    assertThat(header(record, "kafka_dlt-original-consumer-group")).isEqualTo("messaging-core");
                    assertThat(header(record, "kafka_dlt-exception-fqcn")).isNotBlank();
                }));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(linesAbout(output, before)).singleElement().asString().endsWith("-> applied, answered StockReleased");
            assertThat(linesAbout(output, after)).singleElement().asString().endsWith("-> applied, answered StockReleased");
        });
        assertThat(output.getOut().lines().filter(line -> line.contains("OrderPlaced key=" + key)))
                .singleElement().asString().contains("-> dead-lettered to order-events-dlt");
    }

    @Test
    void deadLettersAnEventThatFailsOnItsOwnAsTheEventItWasAndAppliesTheOthersOfItsBatchOnce(CapturedOutput output) {
        UUID poisoned = UUID.randomUUID();
        handler.poisoned.add(poisoned);
        OrderPlaced poisonedEvent = placed(poisoned, 1);
        List<UUID> others = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int partition = partitionOf(poisoned);
        List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
        batch.add(withPartition(record(placed(others.get(0), 1)), partition));
        batch.add(record(poisonedEvent));
        batch.add(withPartition(record(placed(others.get(1), 1)), partition));
        batch.add(withPartition(record(placed(others.get(2), 1)), partition));
        double deadLetteredBefore = deadLettered();

        whileTheListenerIsPaused(() -> Topic.sendAll(batch));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters.records())
                .filteredOn(record -> poisoned.toString().equals(record.key())).singleElement().satisfies(record -> {
                    assertThat(EventJson.read("OrderPlaced", record.value(), OrderEvent.class)).isEqualTo(poisonedEvent);
                    assertThat(header(record, "kafka_dlt-exception-message")).contains("is poisoned");
                }));
        await().atMost(PATIENCE).untilAsserted(() -> others.forEach(order ->
                assertThat(linesAbout(output, order)).singleElement().asString().endsWith("-> applied, answered StockReleased")));
        others.forEach(order -> assertThat(jdbc.queryForObject("SELECT count(*) FROM applied_events WHERE order_id = ?",
                Integer.class, order)).isEqualTo(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_events WHERE event_id = ?", Integer.class,
                poisonedEvent.eventId())).as("the failing event's inbox row, rolled back").isZero();
        assertThat(deadLettered()).isEqualTo(deadLetteredBefore + 1);
        assertThat(output.getOut().lines().filter(line -> line.contains("orderId=" + poisoned) && line.contains(" attempt ")))
                .as("one line per failed attempt").hasSizeGreaterThanOrEqualTo(2);
        assertThat(output.getOut().lines().filter(line -> line.contains("orderId=" + poisoned)
                && line.contains(" dead-lettered to order-events-dlt: "))).singleElement().asString().contains("is poisoned");
        assertThat(linesAbout(output, poisoned)).as("no line says the failing event was committed").isEmpty();
    }

    @Test
    void retriesATransientFailureWithoutLimitAndAppliesTheEventOnceItPasses(CapturedOutput output) {
        UUID order = UUID.randomUUID();
        handler.transientFailures.put(order, new AtomicInteger(5)); // more than max-retries (2)
        Topic.send(record(placed(order, 1)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(linesAbout(output, order)).singleElement().asString()
                .endsWith("-> applied, answered StockReleased"));
        assertThat(deadLetters.records()).noneMatch(record -> order.toString().equals(record.key()));
    }

    @Test
    void answersInTheTraceOfTheRecordItHandled() {
        UUID order = UUID.randomUUID();
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        ProducerRecord<String, byte[]> record = record(placed(order, 1));
        record.headers().add("traceparent", ("00-" + traceId + "-b7ad6b7169203331-01").getBytes(StandardCharsets.UTF_8));
        Topic.send(record);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(replies.records())
                .filteredOn(reply -> order.toString().equals(reply.key())).singleElement()
                .satisfies(reply -> assertThat(header(reply, "traceparent")).contains(traceId)));
    }

    private void whileTheListenerIsPaused(Runnable publish) {
        MessageListenerContainer container = listeners.getListenerContainer(TestHandler.LISTENER_ID);
        container.pause();
        await().atMost(PATIENCE).until(container::isPauseRequested);
        await().atMost(PATIENCE).until(container::isContainerPaused);
        try {
            publish.run();
        } finally {
            container.resume();
        }
    }

    /** The handled-event lines about one order: the shape e2e-tests parse (ADR 3), a line of what was committed. */
    private static List<String> linesAbout(CapturedOutput output, UUID order) {
        Pattern handled = Pattern.compile("\\b[A-Z][A-Za-z]+ orderId=" + order
                + " seq=\\d+ \\S+-\\d+@\\d+ group=\\S+ -> .*$");
        return output.getOut().lines().filter(line -> handled.matcher(line).find()).toList();
    }

    private double count(String name, String type) {
        Counter counter = meters.find(name).tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    private double deadLettered() {
        Counter counter = meters.find("orderflow.events.dead.lettered").tag("topic", Topics.ORDER_EVENTS).counter();
        return counter == null ? 0 : counter.count();
    }

    private static int partitionOf(UUID order) {
        return Math.floorMod(order.hashCode(), 3);
    }

    private static ProducerRecord<String, byte[]> withPartition(ProducerRecord<String, byte[]> record, int partition) {
        ProducerRecord<String, byte[]> moved = new ProducerRecord<>(record.topic(), partition, record.key(), record.value());
        record.headers().forEach(moved.headers()::add);
        return moved;
    }

    private static ProducerRecord<String, byte[]> record(OrderEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ORDER_EVENTS, partitionOf(event.orderId()),
                event.orderId().toString(), EventJson.writeString(event).getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static OrderPlaced placed(UUID order, long sequence) {
        return new OrderPlaced(UUID.randomUUID(), order, sequence, now(), "c-1", List.of(new OrderLine("SKU-1", 1)));
    }

    private static OrderCancelled cancelled(UUID order, long sequence) {
        return new OrderCancelled(UUID.randomUUID(), order, sequence, now(), "c-1");
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
