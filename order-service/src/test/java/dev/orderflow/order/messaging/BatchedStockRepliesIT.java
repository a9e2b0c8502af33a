package dev.orderflow.order.messaging;

import static dev.orderflow.order.TraceIds.randomHex;
import static dev.orderflow.order.TraceIds.traceIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.Event;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.StockRejected;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.StockReserved;
import dev.orderflow.order.IntegrationTest;
import dev.orderflow.order.KafkaProbe;
import dev.orderflow.order.domain.OrderLine;
import dev.orderflow.order.domain.OrderService;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.PlaceOrder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.utils.ContainerTestUtils;

/**
 * Stock replies that reach the listener together, as they do under load (ADR 6): each test publishes its replies
 * while the listener is paused, so that its next poll returns them at once. A reply applied in a transaction
 * leaves that transaction's id ({@code xmin}) on its {@code processed_events} row, which shows which replies
 * shared one.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class BatchedStockRepliesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final String CONFIRMED = "confirmed, published OrderConfirmed";

    private static final String RESERVED_AND_CONFIRMED = "StockReserved 1 -> " + CONFIRMED;

    @Autowired
    OrderService orders;

    @Autowired
    KafkaProbe kafka;

    @Autowired
    MeterRegistry meters;

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${orderflow.topics.partitions}")
    int partitions;

    @Test
    void appliesEveryReplyOfABurstOnceWithManyInOneTransaction(CapturedOutput output) {
        List<UUID> toConfirm = IntStream.range(0, 18).mapToObj(i -> place("c-burst")).toList();
        List<UUID> toReject = IntStream.range(0, 4).mapToObj(i -> place("c-burst")).toList();
        UUID deliveredTwice = place("c-burst");
        UUID releasedLater = place("c-burst");
        StockReserved twice = reserved(deliveredTwice, 1);
        StockReserved reserved = reserved(releasedLater, 1);
        StockReleased released = new StockReleased(UUID.randomUUID(), releasedLater, 2, Instant.now(),
                List.of(new dev.orderflow.events.OrderLine("SKU-B", 1)));
        List<StockReserved> confirmations = toConfirm.stream().map(orderId -> reserved(orderId, 1)).toList();
        List<StockRejected> rejections = toReject.stream()
                .map(orderId -> new StockRejected(UUID.randomUUID(), orderId, 1, Instant.now(), "SKU-B short by 1"))
                .toList();
        double duplicatesBefore = duplicates("StockReserved");

        whileTheListenerIsPaused(() -> {
            confirmations.forEach(kafka::reply);
            rejections.forEach(kafka::reply);
            kafka.reply(twice);
            kafka.reply(reserved);
            kafka.reply(twice);
            kafka.reply(released);
        });

        List<UUID> all = Stream.of(toConfirm, toReject, List.of(deliveredTwice, releasedLater))
                .flatMap(List::stream).toList();
        await().atMost(PATIENCE).until(() -> all.stream().mapToLong(orderId -> outcomes(output, orderId).size()).sum() >= 26);
        toConfirm.forEach(orderId -> assertThat(outcomes(output, orderId)).containsExactly(RESERVED_AND_CONFIRMED));
        toReject.forEach(orderId -> assertThat(outcomes(output, orderId))
                .containsExactly("StockRejected 1 -> rejected (SKU-B short by 1), published OrderRejected"));
        assertThat(outcomes(output, deliveredTwice))
                .containsExactly(RESERVED_AND_CONFIRMED, "StockReserved 1 -> duplicate, skipped");
        assertThat(outcomes(output, releasedLater))
                .containsExactly(RESERVED_AND_CONFIRMED, "StockReleased 2 -> stock released");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(duplicates("StockReserved")).isEqualTo(duplicatesBefore + 1));

        Stream.of(toConfirm, List.of(deliveredTwice, releasedLater)).flatMap(List::stream)
                .forEach(orderId -> assertThat(orders.find(orderId).status()).isEqualTo(OrderStatus.CONFIRMED));
        toReject.forEach(orderId -> assertThat(orders.find(orderId).status()).isEqualTo(OrderStatus.REJECTED));
        assertPublishedOnce(toConfirm, "OrderConfirmed");
        assertPublishedOnce(toReject, "OrderRejected");
        assertPublishedOnce(List.of(deliveredTwice, releasedLater), "OrderConfirmed");

        assertThat(transactionOf(released)).as("the release and the reservation before it")
                .isEqualTo(transactionOf(reserved));
        List<UUID> applied = Stream.of(confirmations.stream().map(StockReserved::eventId),
                rejections.stream().map(StockRejected::eventId),
                Stream.of(twice.eventId(), reserved.eventId(), released.eventId())).flatMap(s -> s).toList();
        assertThat(applied.stream().map(this::transactionOf).distinct().count()).as("transactions")
                .isLessThan(applied.size());
    }

    @Test
    void writesEachReplyOfABatchWithItsOwnTrace(CapturedOutput output) {
        UUID leading = place("c-traced-batch");
        int partition = partitionOf(leading);
        UUID first = placeOn(partition, "c-traced-batch");
        UUID second = placeOn(partition, "c-traced-batch");
        String firstTrace = randomHex(16);
        String secondTrace = randomHex(16);
        StockReserved firstReply = reserved(first, 1);
        StockReserved secondReply = reserved(second, 1);
        long observedBefore = listenerObservations();

        whileTheListenerIsPaused(() -> {
            kafka.reply(reserved(leading, 1));
            kafka.reply(firstReply, "00-" + firstTrace + "-" + randomHex(8) + "-01");
            kafka.reply(secondReply, "00-" + secondTrace + "-" + randomHex(8) + "-01");
        });

        await().atMost(PATIENCE).until(() -> kafka.orderEventRecords(first).size() == 2
                && kafka.orderEventRecords(second).size() == 2);
        assertThat(transactionOf(secondReply)).as("both replies applied in one transaction")
                .isEqualTo(transactionOf(firstReply));
        assertThat(traceIdOf(kafka.orderEventRecords(first).get(1))).isEqualTo(firstTrace);
        assertThat(traceIdOf(kafka.orderEventRecords(second).get(1))).isEqualTo(secondTrace);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(handledLines(output, first)).singleElement().asString()
                    .contains(firstTrace).contains(CONFIRMED);
            assertThat(handledLines(output, second)).singleElement().asString()
                    .contains(secondTrace).contains(CONFIRMED);
        });
        // One listener observation per record, timed as spring-kafka's container times a record listener's.
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(listenerObservations()).isGreaterThanOrEqualTo(observedBefore + 3));
        assertThat(prometheus.scrape()).containsPattern("(?m)^spring_kafka_listener_seconds_count\\{[^}]*"
                + "spring_kafka_listener_id=\"" + InventoryEventsHandler.LISTENER_ID + "\"[^}]*} \\S+$");
    }

    @Test
    void deadLettersAnUnreadableRecordInTheMiddleOfABatchAndAppliesTheRecordsAroundItOnce(CapturedOutput output) {
        List<UUID> onePartition = onOnePartition(4, "c-unreadable-batch");
        UUID unreadableFor = onePartition.get(2);
        byte[] garbage = "{not json either".getBytes(StandardCharsets.UTF_8);
        List<StockReserved> replies = onePartition.stream().map(orderId -> reserved(orderId, 1)).toList();
        double deadLetteredBefore = deadLettered();

        whileTheListenerIsPaused(() -> {
            kafka.reply(replies.get(0));
            kafka.reply(replies.get(1));
            kafka.sendRaw(unreadableFor.toString(), "StockReserved", garbage);
            kafka.reply(replies.get(2));
            kafka.reply(replies.get(3));
        });

        await().atMost(PATIENCE).until(() -> eachHandled(output, onePartition));
        await().atMost(PATIENCE).until(() -> !kafka.deadLetters(unreadableFor.toString()).isEmpty());
        onePartition.forEach(orderId -> assertThat(outcomes(output, orderId)).containsExactly(RESERVED_AND_CONFIRMED));
        assertPublishedOnce(onePartition, "OrderConfirmed");
        assertThat(kafka.deadLetters(unreadableFor.toString())).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.value()).isEqualTo(garbage);
            assertThat(KafkaProbe.header(deadLetter, "kafka_dlt-exception-fqcn"))
                    .isEqualTo("org.springframework.kafka.support.serializer.DeserializationException");
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLettered()).isEqualTo(deadLetteredBefore + 1));
        assertThat(transactionOf(replies.get(3))).as("the records after the unreadable one, delivered again together")
                .isEqualTo(transactionOf(replies.get(2)));
    }

    @Test
    void deadLettersAReplyThatFailsOnItsOwnAndAppliesTheOthersOfItsBatchOnce(CapturedOutput output) {
        List<UUID> around = onOnePartition(4, "c-failing-batch");
        UUID failing = placeOn(partitionOf(around.get(0)), "c-poisoned");
        StockReserved failingReply = reserved(failing, 1);
        double deadLetteredBefore = deadLettered();
        // Confirming that order fails at the commit, as a bug or a constraint would: never the same way as the
        // others, and never transient, so the record is retried a few times and then dead-lettered (ADR 2).
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_poisoned_order() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'order % is poisoned', NEW.order_id;
                END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER refuse_poisoned_order BEFORE UPDATE ON orders FOR EACH ROW
                WHEN (NEW.customer_id = 'c-poisoned') EXECUTE FUNCTION refuse_poisoned_order()""").update();
        try {
            whileTheListenerIsPaused(() -> {
                kafka.reply(reserved(around.get(0), 1));
                kafka.reply(reserved(around.get(1), 1));
                kafka.reply(failingReply);
                kafka.reply(reserved(around.get(2), 1));
                kafka.reply(reserved(around.get(3), 1));
            });

            await().atMost(PATIENCE).until(() -> !kafka.deadLetters(failing.toString()).isEmpty());
            await().atMost(PATIENCE).until(() -> eachHandled(output, around));
        } finally {
            jdbc.sql("DROP TRIGGER refuse_poisoned_order ON orders").update();
            jdbc.sql("DROP FUNCTION refuse_poisoned_order()").update();
        }
        around.forEach(orderId -> assertThat(outcomes(output, orderId)).containsExactly(RESERVED_AND_CONFIRMED));
        assertPublishedOnce(around, "OrderConfirmed");
        assertThat(outcomes(output, failing)).isEmpty();
        assertThat(orders.find(failing).status()).isEqualTo(OrderStatus.PENDING);
        assertThat(kafka.deadLetters(failing.toString())).singleElement().satisfies(deadLetter -> {
            assertThat(KafkaProbe.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo("inventory-events");
            assertThat(KafkaProbe.header(deadLetter, "kafka_dlt-exception-stacktrace"))
                    .contains("order " + failing + " is poisoned");
            assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8))
                    .contains(failingReply.eventId().toString());
        });
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLettered()).isEqualTo(deadLetteredBefore + 1));
        assertThat(jdbc.sql("SELECT count(*) FROM processed_events WHERE event_id = ?").param(failingReply.eventId())
                .query(Long.class).single()).as("the failing reply's processed_events row, rolled back").isZero();
    }

    @Test
    void retriesAReplyWhoseCommitFailsTransientlyUntilItSucceedsAndAppliesItsBatchOnce(CapturedOutput output) {
        List<UUID> around = onOnePartition(3, "c-transient-batch");
        UUID failing = placeOn(partitionOf(around.get(0)), "c-serialization-failure");
        double deadLetteredBefore = deadLettered();
        // A serialization failure is transient (ADR 2): the record must be retried for as long as it lasts. The
        // sequence counts the refused commits, since a sequence does not roll back with them.
        jdbc.sql("CREATE SEQUENCE refused_commits").update();
        jdbc.sql("""
                CREATE FUNCTION refuse_to_serialize() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM nextval('refused_commits');
                    RAISE EXCEPTION USING ERRCODE = 'serialization_failure',
                            MESSAGE = 'order ' || NEW.order_id || ' could not be serialized';
                END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER refuse_to_serialize BEFORE UPDATE ON orders FOR EACH ROW
                WHEN (NEW.customer_id = 'c-serialization-failure') EXECUTE FUNCTION refuse_to_serialize()""").update();
        try {
            whileTheListenerIsPaused(() -> {
                kafka.reply(reserved(around.get(0), 1));
                kafka.reply(reserved(failing, 1));
                kafka.reply(reserved(around.get(1), 1));
                kafka.reply(reserved(around.get(2), 1));
            });

            // A few retries would end after 4 deliveries, each refused at most twice: in the poll's transaction and
            // in the record's own.
            await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT last_value FROM refused_commits")
                    .query(Long.class).single() > 8);
            assertThat(kafka.deadLetters(failing.toString())).isEmpty();
            assertThat(outcomes(output, failing)).isEmpty();
        } finally {
            jdbc.sql("DROP TRIGGER refuse_to_serialize ON orders").update();
            jdbc.sql("DROP FUNCTION refuse_to_serialize()").update();
            jdbc.sql("DROP SEQUENCE refused_commits").update();
        }

        List<UUID> all = List.of(around.get(0), failing, around.get(1), around.get(2));
        await().atMost(PATIENCE).until(() -> eachHandled(output, all));
        all.forEach(orderId -> assertThat(outcomes(output, orderId)).containsExactly(RESERVED_AND_CONFIRMED));
        assertPublishedOnce(all, "OrderConfirmed");
        assertThat(kafka.deadLetters(failing.toString())).isEmpty();
        assertThat(deadLettered()).isEqualTo(deadLetteredBefore);
    }

    /** Replies published meanwhile wait in the topic; the listener's first poll after it resumes returns them. */
    private void whileTheListenerIsPaused(Runnable publish) {
        MessageListenerContainer container = listeners.getListenerContainer(InventoryEventsHandler.LISTENER_ID);
        ContainerTestUtils.waitForAssignment(container, partitions);
        container.pause();
        try {
            await().atMost(PATIENCE).until(container::isContainerPaused);
            publish.run();
        } finally {
            container.resume();
        }
    }

    /** Each order published exactly one event after {@code OrderPlaced}: in the database, and on Kafka. */
    private void assertPublishedOnce(Collection<UUID> orderIds, String eventType) {
        await().atMost(PATIENCE).until(() -> orderIds.stream()
                .allMatch(orderId -> kafka.orderEvents(orderId).size() >= 2 && outboxRowsOf(orderId) == 0));
        for (UUID orderId : orderIds) {
            assertThat(jdbc.sql("SELECT last_order_event_sequence FROM orders WHERE order_id = ?").param(orderId)
                    .query(Long.class).single()).as("events of %s", orderId).isEqualTo(2);
            assertThat(kafka.orderEvents(orderId)).extracting(OrderEvent::eventType, OrderEvent::sequence)
                    .containsExactly(tuple("OrderPlaced", 1L), tuple(eventType, 2L));
        }
    }

    /** The handled-event lines (ADR 3) about one order, as {@code <type> <seq> -> <outcome>}, in the order logged. */
    private static List<String> outcomes(CapturedOutput output, UUID orderId) {
        Pattern handled = Pattern.compile("\\b([A-Z][A-Za-z]+) orderId=" + orderId
                + " seq=(\\d+) inventory-events-\\d+@\\d+ group=order-service -> (.*)$");
        return output.getOut().lines().map(handled::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1) + " " + matcher.group(2) + " -> " + matcher.group(3))
                .toList();
    }

    private static boolean eachHandled(CapturedOutput output, Collection<UUID> orderIds) {
        return orderIds.stream().noneMatch(orderId -> outcomes(output, orderId).isEmpty());
    }

    private static List<String> handledLines(CapturedOutput output, UUID orderId) {
        return output.getOut().lines().filter(line -> line.contains(" orderId=" + orderId + " seq=")).toList();
    }

    /** The id of the transaction that applied the reply, from its {@code processed_events} row. */
    private String transactionOf(Event reply) {
        return transactionOf(reply.eventId());
    }

    private String transactionOf(UUID eventId) {
        return jdbc.sql("SELECT xmin::text FROM processed_events WHERE event_id = ?").param(eventId)
                .query(String.class).single();
    }

    private long outboxRowsOf(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregate_id = ?").param(orderId)
                .query(Long.class).single();
    }

    private List<UUID> onOnePartition(int count, String customerId) {
        List<UUID> placed = new ArrayList<>(List.of(place(customerId)));
        while (placed.size() < count) {
            placed.add(placeOn(partitionOf(placed.get(0)), customerId));
        }
        return placed;
    }

    /** Places orders until one's id is a key of {@code partition}; the others stay PENDING, unanswered. */
    private UUID placeOn(int partition, String customerId) {
        for (int attempt = 0; attempt < 500; attempt++) {
            UUID orderId = place(customerId);
            if (partitionOf(orderId) == partition) {
                return orderId;
            }
        }
        return fail("no order id of partition " + partition);
    }

    /** The partition Kafka's producer picks for the key, as inventory-service keys its replies: by orderId. */
    private int partitionOf(UUID orderId) {
        return Utils.toPositive(Utils.murmur2(orderId.toString().getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private UUID place(String customerId) {
        return orders.place(new PlaceOrder(customerId, List.of(new OrderLine("SKU-B", 1))), Optional.empty())
                .order().orderId();
    }

    private static StockReserved reserved(UUID orderId, long sequence) {
        return new StockReserved(UUID.randomUUID(), orderId, sequence, Instant.now(),
                List.of(new dev.orderflow.events.OrderLine("SKU-B", 1)));
    }

    private long listenerObservations() {
        return meters.find("spring.kafka.listener").tag("spring.kafka.listener.id", InventoryEventsHandler.LISTENER_ID).timers()
                .stream().mapToLong(Timer::count).sum();
    }

    private double duplicates(String type) {
        return meters.counter("orderflow.events.duplicates", "group", "order-service", "type", type).count();
    }

    private double deadLettered() {
        return meters.counter("orderflow.events.dead.lettered", "group", "order-service", "topic", "inventory-events")
                .count();
    }
}
