package dev.orderflow.notification.messaging;

import static dev.orderflow.notification.TestEvents.cancelled;
import static dev.orderflow.notification.TestEvents.confirmed;
import static dev.orderflow.notification.TestEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.Event;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.Topics;
import dev.orderflow.notification.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/** What one poll returns is stored in one transaction, each event keeping its own outcome (ADR 6). */
class OrderEventsBatchIT extends IntegrationTest {

    private static final int OTHER_ORDERS = 12;

    @Autowired
    private JdbcTemplate jdbc;

    @Value("${orderflow.topics.partitions}")
    private int partitions;

    @Test
    void storesTheEventsOfAPollInOneTransactionEachWithItsOwnOutcome() {
        UUID inOrder = newOrderId();
        OrderPlaced placedTwice = placed(inOrder, 1, new OrderLine("SKU-B", 1));
        UUID overtaken = newOrderId();
        List<UUID> others = new ArrayList<>();
        List<ProducerRecord<String, Object>> records = new ArrayList<>(List.of(
                record(placedTwice),
                record(placedTwice),
                record(confirmed(inOrder, 2)),
                record(cancelled(inOrder, 3)),
                record(placed(overtaken, 1, new OrderLine("SKU-B", 2))),
                record(cancelled(overtaken, 3)),
                record(confirmed(overtaken, 2))));
        for (int i = 0; i < OTHER_ORDERS; i++) {
            UUID orderId = newOrderId();
            others.add(orderId);
            records.add(record(placed(orderId, 1, new OrderLine("SKU-B", 1))));
            records.add(record(confirmed(orderId, 2)));
        }
        double duplicatesBefore = count("orderflow.events.duplicates", "type", "OrderPlaced");
        double confirmedOutOfOrderBefore = count("orderflow.events.out.of.order", "type", "OrderConfirmed");
        double cancelledOutOfOrderBefore = count("orderflow.events.out.of.order", "type", "OrderCancelled");
        double confirmedBefore = count("orderflow.events.handled", "type", "OrderConfirmed", "outcome", "notified");

        publishTogether(records);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(eventTypesOf(inOrder)).containsExactly("OrderPlaced", "OrderConfirmed", "OrderCancelled");
            assertThat(eventTypesOf(overtaken)).containsExactly("OrderPlaced", "OrderConfirmed", "OrderCancelled");
            for (UUID orderId : others) {
                assertThat(eventTypesOf(orderId)).as("order %s", orderId).containsExactly("OrderPlaced", "OrderConfirmed");
            }
            // Counted after the commit that made the rows visible.
            assertThat(count("orderflow.events.handled", "type", "OrderConfirmed", "outcome", "notified"))
                    .isEqualTo(confirmedBefore + 2 + OTHER_ORDERS);
        });
        assertThat(count("orderflow.events.duplicates", "type", "OrderPlaced"))
                .as("the second copy of an event in the same poll").isEqualTo(duplicatesBefore + 1);
        assertThat(count("orderflow.events.out.of.order", "type", "OrderCancelled"))
                .as("only the overtaken order's seq 3, where 2 was expected").isEqualTo(cancelledOutOfOrderBefore + 1);
        assertThat(count("orderflow.events.out.of.order", "type", "OrderConfirmed"))
                .as("only the overtaken order's seq 2, after 3").isEqualTo(confirmedOutOfOrderBefore + 1);

        // Rows written by one transaction share its id (xmin).
        assertThat(transactionsThatWrote(List.of(inOrder)))
                .as("an order's events read in one poll, its duplicate among them").isEqualTo(1);
        List<UUID> all = new ArrayList<>(others);
        all.add(inOrder);
        all.add(overtaken);
        assertThat(transactionsThatWrote(all))
                .as("one transaction per poll, and a partition's records are read in one poll")
                .isLessThanOrEqualTo(partitions)
                .isLessThan(records.size());
    }

    private List<String> eventTypesOf(UUID orderId) {
        return jdbc.queryForList("SELECT event_type FROM notifications WHERE order_id = ? ORDER BY sequence",
                String.class, orderId);
    }

    private long transactionsThatWrote(List<UUID> orderIds) {
        return jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM notifications WHERE order_id = ANY(?)",
                Long.class, (Object) orderIds.toArray(UUID[]::new));
    }

    /** Keyed by orderId, as order-service publishes. */
    private static ProducerRecord<String, Object> record(Event event) {
        return new ProducerRecord<>(Topics.ORDER_EVENTS, event.orderId().toString(), event);
    }
}
