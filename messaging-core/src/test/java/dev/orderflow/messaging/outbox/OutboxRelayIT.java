package dev.orderflow.messaging.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.testapp.CoreIntegrationTest;
import dev.orderflow.messaging.testapp.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@CoreIntegrationTest
class OutboxRelayIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static Topic replies;

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    OutboxProperties properties;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void readReplies() {
        replies = new Topic(Topics.INVENTORY_EVENTS);
    }

    @AfterAll
    static void close() {
        replies.close();
    }

    @Test
    void publishesEachAggregatesEventsInOrderKeyedWithHeadersAndDeletesWhatKafkaAcknowledged() {
        List<UUID> orders = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<StockReleased> events = new ArrayList<>();
        for (int sequence = 1; sequence <= 20; sequence++) {
            for (UUID order : orders) {
                events.add(released(order, sequence));
            }
        }
        // In several transactions, some of one event, some of many.
        transactions.executeWithoutResult(status -> outbox.append(Topics.INVENTORY_EVENTS, events.get(0)));
        transactions.executeWithoutResult(status -> outbox.appendAll(events.subList(1, 30).stream()
                .map(event -> outbox.message(Topics.INVENTORY_EVENTS, event)).toList()));
        events.subList(30, events.size()).forEach(event ->
                transactions.executeWithoutResult(status -> outbox.append(Topics.INVENTORY_EVENTS, event)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(recordsOf(orders)).hasSize(events.size()));
        for (UUID order : orders) {
            List<ConsumerRecord<String, byte[]>> ofOrder = recordsOf(List.of(order));
            assertThat(ofOrder).extracting(ConsumerRecord::key).containsOnly(order.toString());
            assertThat(ofOrder).extracting(record -> header(record, EventHeaders.EVENT_TYPE)).containsOnly("StockReleased");
            assertThat(ofOrder).extracting(record -> sequenceOf(record)).as("one partition, in the order written")
                    .containsExactly(sequences(20));
            assertThat(ofOrder).extracting(record -> header(record, EventHeaders.EVENT_ID))
                    .containsExactlyElementsOf(events.stream().filter(event -> event.orderId().equals(order))
                            .map(event -> event.eventId().toString()).toList());
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(rowsOf(orders)).as("rows left in the outbox").isZero());
    }

    @Test
    void writesNothingWhenTheCallersTransactionRollsBack() {
        UUID order = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            outbox.append(Topics.INVENTORY_EVENTS, released(order, 1));
            status.setRollbackOnly();
        });
        UUID committed = UUID.randomUUID();
        transactions.executeWithoutResult(status -> outbox.append(Topics.INVENTORY_EVENTS, released(committed, 1)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(recordsOf(List.of(committed))).hasSize(1));
        assertThat(recordsOf(List.of(order))).isEmpty();
        assertThat(rowsOf(List.of(order))).isZero();
    }

    @Test
    void refusesToAppendOutsideATransaction() {
        assertThatThrownBy(() -> outbox.append(Topics.INVENTORY_EVENTS, released(UUID.randomUUID(), 1)))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void continuesTheTraceStoredWithTheRow() {
        UUID order = UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        StockReleased event = released(order, 1);
        OutboxMessage stored = OutboxMessage.of(Topics.INVENTORY_EVENTS, event, "00-" + traceId + "-00f067aa0ba902b7-01");
        transactions.executeWithoutResult(status -> outbox.appendAll(List.of(stored)));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(recordsOf(List.of(order))).singleElement()
                .satisfies(record -> assertThat(header(record, "traceparent")).contains(traceId)));
    }

    @Test
    void publishesNothingWhileAnotherInstanceHoldsTheRelayLockAndEverythingOnceItIsReleased() throws Exception {
        UUID order = UUID.randomUUID();
        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            try (PreparedStatement lock = otherInstance.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, properties.lockKey());
                lock.execute();
            }
            transactions.executeWithoutResult(status -> outbox.append(Topics.INVENTORY_EVENTS, released(order, 1)));
            // Several relay rounds (each woken by a commit, or polling every 200 ms here) find the lock taken.
            await().pollDelay(Duration.ofSeconds(1)).atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(recordsOf(List.of(order))).isEmpty());
            assertThat(rowsOf(List.of(order))).isEqualTo(1);
            otherInstance.rollback();
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(recordsOf(List.of(order))).hasSize(1));
    }

    @Test
    void exposesTheBacklogAndTheAgeOfItsOldestEvent() {
        assertThat(meters.find("orderflow.outbox.backlog").gauge()).isNotNull();
        assertThat(meters.find("orderflow.outbox.oldest.age").gauge()).isNotNull();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(meters.get("orderflow.outbox.backlog").gauge().value())
                .isGreaterThanOrEqualTo(0));
    }

    private static StockReleased released(UUID order, long sequence) {
        return new StockReleased(UUID.randomUUID(), order, sequence, Instant.now().truncatedTo(ChronoUnit.MILLIS), List.of());
    }

    private static Long[] sequences(int upTo) {
        Long[] sequences = new Long[upTo];
        for (int i = 0; i < upTo; i++) {
            sequences[i] = i + 1L;
        }
        return sequences;
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(List<UUID> orders) {
        List<String> keys = orders.stream().map(UUID::toString).toList();
        return replies.records().stream().filter(record -> keys.contains(record.key())).toList();
    }

    private int rowsOf(List<UUID> orders) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox_events WHERE aggregate_id = ANY(?)", Integer.class,
                new SqlArrayValue("uuid", orders.toArray()));
    }

    private static long sequenceOf(ConsumerRecord<String, byte[]> record) {
        String json = new String(record.value(), StandardCharsets.UTF_8);
        return Long.parseLong(json.replaceAll(".*\"sequence\":(\\d+).*", "$1"));
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
