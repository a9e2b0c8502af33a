package dev.orderflow.inventory.messaging;

import static dev.orderflow.inventory.messaging.OrderEvents.answers;
import static dev.orderflow.inventory.messaging.OrderEvents.cancelled;
import static dev.orderflow.inventory.messaging.OrderEvents.line;
import static dev.orderflow.inventory.messaging.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A poll's records are applied in one transaction (ADR 6) and each still exactly once and in order. The records
 * are written to one partition while the listener is stopped, so it finds them all in its first poll.
 */
class BatchIT extends InventoryServiceIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private MessageListenerContainer container;

    @AfterEach
    void restartListener() {
        if (container != null && !container.isRunning()) {
            container.start();
        }
    }

    @Test
    void appliesAWholePollOnceInOrderAndDeadLettersTheUnreadableRecordInIt() {
        String shared = uniqueSku("SHARED");
        String scarce = uniqueSku("SCARCE");
        stock(shared, 100, 0);
        stock(scarce, 3, 0);
        List<UUID> reserved = new ArrayList<>();
        List<ProducerRecord<String, Object>> poll = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID orderId = UUID.randomUUID();
            reserved.add(orderId);
            poll.add(onPartitionZero(placed(orderId, 1, line(shared, 2))));
        }
        UUID cancelledOrder = reserved.get(3);
        OrderPlaced redelivered = placed(UUID.randomUUID(), 1, line(shared, 1), line(scarce, 2));
        UUID lateOrder = UUID.randomUUID();
        UUID refusedOrder = UUID.randomUUID();
        poll.add(onPartitionZero(redelivered));
        poll.add(onPartitionZero(cancelled(cancelledOrder, 2)));
        poll.add(onPartitionZero(redelivered));
        poll.add(unreadableOnPartitionZero(redelivered.orderId().toString()));
        // After the unreadable record: both need the scarce units, so the first to be applied gets them.
        poll.add(onPartitionZero(placed(lateOrder, 1, line(scarce, 1))));
        poll.add(onPartitionZero(placed(refusedOrder, 1, line(scarce, 1))));
        double duplicatesBefore = counterTotal("orderflow.events.duplicates");
        double deadLettersBefore = counterTotal("orderflow.events.dead.lettered");

        container = listeners.getListenerContainer("inventory-order-events");
        container.stop();
        poll.forEach(this::publish);
        try (TopicReader inventoryEvents = new TopicReader(brokers(), Topics.INVENTORY_EVENTS)) {
            container.start();

            await().atMost(PATIENCE).until(() -> answersTo(inventoryEvents, refusedOrder).size() == 1);
            for (UUID orderId : reserved) {
                List<InventoryEvent> answers = answersTo(inventoryEvents, orderId);
                if (orderId.equals(cancelledOrder)) {
                    assertThat(answers).hasSize(2);
                    assertThat(answers.get(0)).isInstanceOf(StockReserved.class);
                    assertThat(answers.get(1)).isInstanceOfSatisfying(StockReleased.class,
                            released -> assertThat(released.sequence()).isEqualTo(2));
                } else {
                    assertThat(answers).singleElement().isInstanceOf(StockReserved.class);
                }
            }
            assertThat(answersTo(inventoryEvents, redelivered.orderId())).singleElement().isInstanceOf(StockReserved.class);
            assertThat(answersTo(inventoryEvents, lateOrder)).singleElement().isInstanceOf(StockReserved.class);
            assertThat(answersTo(inventoryEvents, refusedOrder)).singleElement().isInstanceOf(StockRejected.class);
        }
        // 19 orders hold 2 units each, the redelivered order 1; the cancelled order gave its 2 back.
        assertThat(reserved(shared)).isEqualTo(19 * 2 + 1);
        assertThat(available(shared)).isEqualTo(100 - 19 * 2 - 1);
        assertThat(reserved(scarce)).isEqualTo(3);
        assertThat(available(scarce)).isZero();
        assertThat(counterTotal("orderflow.events.duplicates") - duplicatesBefore).isEqualTo(1);
        await().atMost(PATIENCE).until(() -> counterTotal("orderflow.events.dead.lettered") - deadLettersBefore == 1);
    }

    private List<InventoryEvent> answersTo(TopicReader inventoryEvents, UUID orderId) {
        return answers(inventoryEvents.recordsWithKey(orderId.toString()));
    }

    private static ProducerRecord<String, Object> onPartitionZero(OrderEvent event) {
        return new ProducerRecord<>(Topics.ORDER_EVENTS, 0, event.orderId().toString(), event);
    }

    private static ProducerRecord<String, Object> unreadableOnPartitionZero(String key) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_TYPE, "OrderPlaced".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(Topics.ORDER_EVENTS, 0, key, "not JSON".getBytes(StandardCharsets.UTF_8), headers);
    }
}
