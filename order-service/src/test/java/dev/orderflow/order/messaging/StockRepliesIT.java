package dev.orderflow.order.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.OrderRejected;
import dev.orderflow.events.StockRejected;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.StockReserved;
import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.order.IntegrationTest;
import dev.orderflow.order.KafkaProbe;
import dev.orderflow.order.domain.IllegalStatusTransitionException;
import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderLine;
import dev.orderflow.order.domain.OrderService;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.PlaceOrder;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class StockRepliesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    OrderService orders;

    @Autowired
    KafkaProbe kafka;

    @Autowired
    MeterRegistry meters;

    @Test
    void confirmsAPendingOrderWhenStockIsReserved() {
        UUID orderId = place();

        kafka.reply(reserved(orderId, 1));

        await().atMost(PATIENCE).until(() -> orders.find(orderId).status() == OrderStatus.CONFIRMED);
        await().atMost(PATIENCE).until(() -> kafka.orderEvents(orderId).size() == 2);
        assertThat(kafka.orderEvents(orderId)).extracting(OrderEvent::eventType, OrderEvent::sequence)
                .containsExactly(tuple("OrderPlaced", 1L), tuple("OrderConfirmed", 2L));
    }

    @Test
    void rejectsAPendingOrderWithTheReasonWhenStockIsShort() {
        UUID orderId = place();

        kafka.reply(new StockRejected(UUID.randomUUID(), orderId, 1, Instant.now(), "SKU-1 short by 2"));

        await().atMost(PATIENCE).until(() -> orders.find(orderId).status() == OrderStatus.REJECTED);
        assertThat(orders.find(orderId).rejectionReason()).isEqualTo("SKU-1 short by 2");
        await().atMost(PATIENCE).until(() -> kafka.orderEvents(orderId).size() == 2);
        OrderRejected rejected = (OrderRejected) kafka.orderEvents(orderId).get(1);
        assertThat(rejected.reason()).isEqualTo("SKU-1 short by 2");
        assertThat(rejected.sequence()).isEqualTo(2);
        assertThatThrownBy(() -> orders.cancel(orderId)).isInstanceOf(IllegalStatusTransitionException.class);
    }

    @Test
    void leavesACancelledOrderCancelledWhenStockArrivesLate() {
        UUID orderId = place();
        orders.cancel(orderId);
        double unchangedBefore = handled("StockReserved", "unchanged");

        kafka.reply(reserved(orderId, 1));
        kafka.reply(new StockReleased(UUID.randomUUID(), orderId, 2, Instant.now(), List.of()));

        await().atMost(PATIENCE).until(() -> handled("StockReserved", "unchanged") > unchangedBefore);
        assertThat(orders.find(orderId).status()).isEqualTo(OrderStatus.CANCELLED);
        await().atMost(PATIENCE).until(() -> kafka.orderEvents(orderId).size() == 2);
        assertThat(kafka.orderEvents(orderId)).extracting(OrderEvent::eventType).containsExactly("OrderPlaced", "OrderCancelled");
    }

    @Test
    void appliesARedeliveredReplyOnce() {
        UUID orderId = place();
        StockReserved reply = reserved(orderId, 1);
        double duplicatesBefore = duplicates("StockReserved");

        kafka.reply(reply);
        kafka.reply(reply);

        await().atMost(PATIENCE).until(() -> duplicates("StockReserved") > duplicatesBefore);
        await().atMost(PATIENCE).until(() -> kafka.orderEvents(orderId).size() >= 2);
        Order order = orders.find(orderId);
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(kafka.orderEvents(orderId)).extracting(OrderEvent::eventType).containsExactly("OrderPlaced", "OrderConfirmed");
    }

    @Test
    void countsAReplyThatSkipsASequenceAndStillAppliesIt() {
        UUID orderId = place();
        double outOfOrderBefore = meters.counter("orderflow.events.out.of.order", "group", "order-service",
                "type", "StockReserved").count();

        kafka.reply(reserved(orderId, 2));

        await().atMost(PATIENCE).until(() -> orders.find(orderId).status() == OrderStatus.CONFIRMED);
        // The listener counts once the transaction has committed, so the count may trail the status by a moment.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(meters.counter("orderflow.events.out.of.order",
                "group", "order-service", "type", "StockReserved").count()).isEqualTo(outOfOrderBefore + 1));
    }

    @Test
    void deadLettersAnUnreadableRecordAndAppliesTheNextOne() {
        UUID orderId = place();
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);

        kafka.sendRaw(orderId.toString(), "StockReserved", garbage);
        kafka.reply(reserved(orderId, 1));

        await().atMost(PATIENCE).until(() -> orders.find(orderId).status() == OrderStatus.CONFIRMED);
        await().atMost(PATIENCE).until(() -> !kafka.deadLetters(orderId.toString()).isEmpty());
        ConsumerRecord<String, byte[]> deadLetter = kafka.deadLetters(orderId.toString()).get(0);
        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(KafkaProbe.header(deadLetter, EventHeaders.EVENT_TYPE)).isEqualTo("StockReserved");
        assertThat(KafkaProbe.header(deadLetter, "kafka_dlt-exception-fqcn"))
                .isEqualTo("org.springframework.kafka.support.serializer.DeserializationException");
        assertThat(KafkaProbe.header(deadLetter, "kafka_dlt-exception-stacktrace"))
                .contains(UnreadableEventException.class.getName(), "is not valid JSON");
        assertThat(KafkaProbe.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo("inventory-events");
    }

    private UUID place() {
        return orders.place(new PlaceOrder("c-replies", List.of(new OrderLine("SKU-1", 2))), Optional.empty())
                .order().orderId();
    }

    private static StockReserved reserved(UUID orderId, long sequence) {
        return new StockReserved(UUID.randomUUID(), orderId, sequence, Instant.now(),
                List.of(new dev.orderflow.events.OrderLine("SKU-1", 2)));
    }

    private double handled(String type, String outcome) {
        return meters.counter("orderflow.events.handled", "group", "order-service", "type", type, "outcome", outcome).count();
    }

    private double duplicates(String type) {
        return meters.counter("orderflow.events.duplicates", "group", "order-service", "type", type).count();
    }
}
