package dev.orderflow.order.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.order.IntegrationTest;
import dev.orderflow.order.KafkaProbe;
import dev.orderflow.order.domain.OrderService;
import dev.orderflow.order.domain.PlaceOrder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class OutboxPublicationIT {

    @Autowired
    OrderService orders;

    @Autowired
    KafkaProbe kafka;

    @Autowired
    JdbcClient jdbc;

    @Test
    void publishesOrderPlacedOnceKeyedByOrderIdWithHeaders() {
        UUID orderId = place("c-outbox", new dev.orderflow.order.domain.OrderLine("SKU-7", 3));

        await().atMost(Duration.ofSeconds(20)).until(() -> !kafka.orderEventRecords(orderId).isEmpty());

        ConsumerRecord<String, byte[]> record = kafka.orderEventRecords(orderId).get(0);
        assertThat(record.key()).isEqualTo(orderId.toString());
        assertThat(KafkaProbe.header(record, EventHeaders.EVENT_TYPE)).isEqualTo("OrderPlaced");
        OrderPlaced placed = (OrderPlaced) kafka.orderEvents(orderId).get(0);
        assertThat(KafkaProbe.header(record, EventHeaders.EVENT_ID)).isEqualTo(placed.eventId().toString());
        assertThat(placed.sequence()).isEqualTo(1);
        assertThat(placed.customerId()).isEqualTo("c-outbox");
        assertThat(placed.items()).containsExactly(new OrderLine("SKU-7", 3));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(outboxRowsOf(orderId)).isZero());
        assertThat(kafka.orderEventRecords(orderId)).hasSize(1);
    }

    @Test
    void publishesACancelAfterThePlacementWithTheNextSequence() {
        UUID orderId = place("c-outbox", new dev.orderflow.order.domain.OrderLine("SKU-8", 1));
        orders.cancel(orderId);

        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.orderEventRecords(orderId).size() == 2);

        List<OrderEvent> events = kafka.orderEvents(orderId);
        assertThat(events).extracting(OrderEvent::eventType).containsExactly("OrderPlaced", "OrderCancelled");
        assertThat(events).extracting(OrderEvent::sequence).containsExactly(1L, 2L);
        assertThat(((OrderCancelled) events.get(1)).customerId()).isEqualTo("c-outbox");
        List<ConsumerRecord<String, byte[]>> records = kafka.orderEventRecords(orderId);
        assertThat(records.get(1).partition()).isEqualTo(records.get(0).partition());
        assertThat(records.get(1).offset()).isGreaterThan(records.get(0).offset());
    }

    @Test
    void keepsEachOrdersEventsInOrderUnderLoad() {
        List<UUID> ids = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> place("c-load", new dev.orderflow.order.domain.OrderLine("SKU-" + i, 1)))
                .toList();
        ids.forEach(orders::cancel);

        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> kafka.orderEventRecords(id).size() == 2));

        ids.forEach(id -> assertThat(kafka.orderEvents(id)).extracting(OrderEvent::sequence).containsExactly(1L, 2L));
    }

    private UUID place(String customerId, dev.orderflow.order.domain.OrderLine line) {
        return orders.place(new PlaceOrder(customerId, List.of(line)), Optional.empty()).order().orderId();
    }

    private long outboxRowsOf(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregate_id = ?").param(orderId).query(Long.class).single();
    }
}
