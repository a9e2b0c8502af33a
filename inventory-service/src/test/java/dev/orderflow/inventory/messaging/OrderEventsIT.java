package dev.orderflow.inventory.messaging;

import static dev.orderflow.inventory.messaging.OrderEvents.answers;
import static dev.orderflow.inventory.messaging.OrderEvents.cancelled;
import static dev.orderflow.inventory.messaging.OrderEvents.confirmed;
import static dev.orderflow.inventory.messaging.OrderEvents.line;
import static dev.orderflow.inventory.messaging.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.InventoryEvent;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.StockRejected;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.StockReserved;
import dev.orderflow.events.Topics;
import dev.orderflow.inventory.InventoryServiceIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderEventsIT extends InventoryServiceIntegrationTest {

    private TopicReader inventoryEvents;

    @BeforeEach
    void readInventoryEvents() {
        inventoryEvents = new TopicReader(brokers(), Topics.INVENTORY_EVENTS);
    }

    @AfterEach
    void close() {
        inventoryEvents.close();
    }

    @Test
    void reservesEveryLineOrNone() {
        String plenty = uniqueSku("PLENTY");
        String scarce = uniqueSku("SCARCE");
        String unknown = uniqueSku("UNKNOWN");
        stock(plenty, 10, 0);
        stock(scarce, 3, 0);
        UUID shortOrder = UUID.randomUUID();
        UUID unknownOrder = UUID.randomUUID();

        publish(Topics.ORDER_EVENTS, placed(shortOrder, 1, line(plenty, 2), line(scarce, 5)));
        publish(Topics.ORDER_EVENTS, placed(unknownOrder, 1, line(unknown, 1), line(plenty, 1)));

        assertThat(firstAnswerTo(shortOrder)).isInstanceOfSatisfying(StockRejected.class, rejected -> assertThat(
                rejected.reason()).isEqualTo("insufficient stock for " + scarce + " (requested 5, available 3)"));
        assertThat(firstAnswerTo(unknownOrder)).isInstanceOfSatisfying(StockRejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo("unknown SKU " + unknown));
        assertThat(available(plenty)).isEqualTo(10);
        assertThat(reserved(plenty)).isZero();
        assertThat(available(scarce)).isEqualTo(3);
        assertThat(reserved(scarce)).isZero();
    }

    @Test
    void reservesEveryLineWhenAllAreInStock() {
        String first = uniqueSku("A");
        String second = uniqueSku("B");
        stock(first, 5, 0);
        stock(second, 2, 1);
        UUID orderId = UUID.randomUUID();

        publish(Topics.ORDER_EVENTS, placed(orderId, 1, line(second, 2), line(first, 5)));

        assertThat(firstAnswerTo(orderId)).isInstanceOfSatisfying(StockReserved.class,
                reserved -> assertThat(reserved.items()).containsExactly(line(second, 2), line(first, 5)));
        assertThat(available(first)).isZero();
        assertThat(reserved(first)).isEqualTo(5);
        assertThat(available(second)).isZero();
        assertThat(reserved(second)).isEqualTo(3);
    }

    @Test
    void neverOversellsAHotSkuUnderConcurrentOrders() {
        String hot = uniqueSku("HOT");
        stock(hot, 15, 0);
        List<OrderPlaced> orders = IntStream.range(0, 40)
                .mapToObj(i -> placed(UUID.randomUUID(), 1, line(hot, 1)))
                .toList();

        publishAll(Topics.ORDER_EVENTS, orders);

        Set<String> keys = orders.stream().map(order -> order.orderId().toString()).collect(Collectors.toSet());
        Map<UUID, InventoryEvent> answerByOrder = await().atMost(Duration.ofSeconds(60)).until(
                () -> answers(inventoryEvents.records().stream().filter(record -> keys.contains(record.key())).toList())
                        .stream().collect(Collectors.toMap(InventoryEvent::orderId, Function.identity())),
                answers -> answers.size() == orders.size());
        Set<UUID> reservedOrders = answerByOrder.values().stream()
                .filter(StockReserved.class::isInstance)
                .map(InventoryEvent::orderId)
                .collect(Collectors.toSet());
        assertThat(reservedOrders).hasSize(15);
        assertThat(answerByOrder.values()).filteredOn(StockRejected.class::isInstance).hasSize(25);
        assertThat(available(hot)).isZero();
        assertThat(reserved(hot)).isEqualTo(15);
        assertThat(jdbc.sql("select order_id from order_reservations r join order_reservation_lines l using (order_id)"
                + " where l.sku = ? and r.status = 'HELD'").param(hot).query(UUID.class).set())
                .isEqualTo(reservedOrders);
    }

    @Test
    void releasesOnCancelEvenWhenTheCancelFollowsItsOrderBackToBack() {
        String sku = uniqueSku("CANCEL");
        stock(sku, 4, 0);
        UUID orderId = UUID.randomUUID();

        publishAll(Topics.ORDER_EVENTS, List.of(placed(orderId, 1, line(sku, 3)), cancelled(orderId, 2)));

        List<ConsumerRecord<String, byte[]>> records = await().until(
                () -> inventoryEvents.recordsWithKey(orderId.toString()), found -> found.size() == 2);
        assertThat(answers(records))
                .extracting(InventoryEvent::eventType, InventoryEvent::sequence)
                .containsExactly(tuple("StockReserved", 1L), tuple("StockReleased", 2L));
        assertThat(((StockReleased) answers(records).get(1)).items()).containsExactly(line(sku, 3));
        assertThat(records).allSatisfy(record -> {
            InventoryEvent answer = OrderEvents.answer(record);
            assertThat(record.key()).isEqualTo(orderId.toString());
            assertThat(header(record, EventHeaders.EVENT_TYPE)).isEqualTo(answer.eventType());
            assertThat(header(record, EventHeaders.EVENT_ID)).isEqualTo(answer.eventId().toString());
        });
        assertThat(available(sku)).isEqualTo(4);
        assertThat(reserved(sku)).isZero();
    }

    @Test
    void releasesNothingForACancelledOrderThatHeldNothingAndNeverReleasesTwice() {
        String sku = uniqueSku("TWICE");
        stock(sku, 1, 0);
        UUID rejectedOrder = UUID.randomUUID();
        UUID heldOrder = UUID.randomUUID();

        publishAll(Topics.ORDER_EVENTS, List.of(
                placed(rejectedOrder, 1, line(sku, 2)), cancelled(rejectedOrder, 2),
                placed(heldOrder, 1, line(sku, 1)), cancelled(heldOrder, 2), cancelled(heldOrder, 3)));

        List<InventoryEvent> rejectedAnswers = await().until(
                () -> answers(inventoryEvents.recordsWithKey(rejectedOrder.toString())), found -> found.size() == 2);
        assertThat(rejectedAnswers.get(1)).isInstanceOfSatisfying(StockReleased.class,
                released -> assertThat(released.items()).isEmpty());
        List<InventoryEvent> heldAnswers = await().until(
                () -> answers(inventoryEvents.recordsWithKey(heldOrder.toString())), found -> found.size() == 3);
        assertThat(heldAnswers).extracting(InventoryEvent::eventType)
                .containsExactly("StockReserved", "StockReleased", "StockReleased");
        assertThat(((StockReleased) heldAnswers.get(1)).items()).containsExactly(line(sku, 1));
        assertThat(((StockReleased) heldAnswers.get(2)).items()).isEmpty();
        assertThat(available(sku)).isEqualTo(1);
        assertThat(reserved(sku)).isZero();
    }

    @Test
    void appliesARedeliveredEventOnce() {
        String sku = uniqueSku("REDELIVER");
        stock(sku, 10, 0);
        UUID orderId = UUID.randomUUID();
        OrderPlaced order = placed(orderId, 1, line(sku, 4));
        double duplicatesBefore = counterTotal("orderflow.events.duplicates");

        publishAll(Topics.ORDER_EVENTS, List.of(order, order));

        await().until(() -> counterTotal("orderflow.events.duplicates") > duplicatesBefore);
        await().until(() -> outboxRowsOf(orderId) == 0);
        // The relay's acknowledgement can come before the reader has fetched the answer.
        await().until(() -> !inventoryEvents.recordsWithKey(orderId.toString()).isEmpty());
        assertThat(answers(inventoryEvents.recordsWithKey(orderId.toString()))).singleElement()
                .isInstanceOf(StockReserved.class);
        assertThat(available(sku)).isEqualTo(6);
        assertThat(reserved(sku)).isEqualTo(4);
    }

    @Test
    void countsAnOrderEventThatArrivesOutOfOrder() {
        String sku = uniqueSku("ORDER");
        stock(sku, 10, 0);
        UUID orderId = UUID.randomUUID();
        double outOfOrderBefore = counterTotal("orderflow.events.out.of.order");

        List<OrderEvent> events = List.of(placed(orderId, 1, line(sku, 1)), cancelled(orderId, 3), confirmed(orderId, 2));

        publishAll(Topics.ORDER_EVENTS, events);

        await().until(() -> processed(events) == events.size());
        // seq 3 came when 2 was due, and seq 2 when 4 was: both are counted, and both still applied.
        await().untilAsserted(() -> assertThat(counterTotal("orderflow.events.out.of.order") - outOfOrderBefore)
                .isEqualTo(2));
        assertThat(available(sku)).isEqualTo(10);
        assertThat(reserved(sku)).isZero();
    }

    private InventoryEvent firstAnswerTo(UUID orderId) {
        return await().until(() -> answers(inventoryEvents.recordsWithKey(orderId.toString())), found -> !found.isEmpty())
                .get(0);
    }

    private long outboxRowsOf(UUID orderId) {
        return jdbc.sql("select count(*) from outbox_events where aggregate_id = ?").param(orderId).query(Long.class).single();
    }

    private long processed(List<? extends OrderEvent> events) {
        return jdbc.sql("select count(*) from processed_events where event_id in (:ids)")
                .param("ids", events.stream().map(OrderEvent::eventId).toList())
                .query(Long.class).single();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

}
