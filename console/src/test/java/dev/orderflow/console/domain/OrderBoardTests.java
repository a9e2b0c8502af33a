package dev.orderflow.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderBoardTests {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final List<String> GROUPS = List.of("inventory-service", "notification-service", "order-service");

    private final OrderBoard board = new OrderBoard(GROUPS, 100, new OrderSampler(1000));

    private static SeenRecord record(String topic, int partition, long offset, String type, long sequence, long atMs) {
        return new SeenRecord(topic, partition, offset, T0.plusMillis(atMs), type, UUID.randomUUID().toString(),
                sequence, "4bf92f3577b34da6a3ce929d0e0e4736", null, false);
    }

    @Test
    void aGroupHasHandledARecordOnceItsCommittedOffsetIsPastIt() {
        UUID orderId = UUID.randomUUID();
        board.seen(orderId, "c-42", record("order-events", 3, 41, "OrderPlaced", 1, 0), T0);

        board.committed("inventory-service", Map.of(new PartitionRef("order-events", 3), 41L), T0.plusMillis(500));
        board.committed("notification-service", Map.of(new PartitionRef("order-events", 3), 42L), T0.plusMillis(700));

        OrderView view = board.latest(1).get(0);
        assertThat(view.partition()).isEqualTo(3);
        assertThat(view.lanes().get("inventory-service")).singleElement()
                .satisfies(e -> assertThat(e.handledAfterMs()).isNull());
        assertThat(view.lanes().get("notification-service")).singleElement().satisfies(e -> {
            assertThat(e.offset()).isEqualTo(41);
            assertThat(e.handledAfterMs()).isEqualTo(700);
        });

        board.committed("inventory-service", Map.of(new PartitionRef("order-events", 3), 45L), T0.plusMillis(1200));
        assertThat(board.latest(1).get(0).lanes().get("inventory-service")).singleElement()
                .satisfies(e -> assertThat(e.handledAfterMs()).isEqualTo(1200));
    }

    @Test
    void aRecordReadAfterItsGroupCommittedPastItIsHandledAtOnce() {
        board.committed("order-service", Map.of(new PartitionRef("inventory-events", 1), 10L), T0);
        UUID orderId = UUID.randomUUID();
        board.seen(orderId, "c-1", record("order-events", 1, 0, "OrderPlaced", 1, 0), T0);
        board.seen(orderId, null, record("inventory-events", 1, 5, "StockReserved", 1, 20), T0.plusMillis(30));

        assertThat(board.latest(1).get(0).lanes().get("order-service")).singleElement()
                .satisfies(e -> assertThat(e.handledAfterMs()).isEqualTo(30));
    }

    @Test
    void laneEntriesAreOnlyForTheGroupsThatReadTheTopic() {
        board.committed("inventory-service", Map.of(new PartitionRef("order-events", 0), 0L), T0);
        board.committed("order-service", Map.of(new PartitionRef("inventory-events", 0), 0L), T0);
        UUID orderId = UUID.randomUUID();
        board.seen(orderId, "c-1", record("order-events", 0, 0, "OrderPlaced", 1, 0), T0);
        board.seen(orderId, null, record("inventory-events", 0, 0, "StockReserved", 1, 5), T0);

        Map<String, List<LaneEntry>> lanes = board.latest(1).get(0).lanes();
        assertThat(lanes.get("inventory-service")).extracting(LaneEntry::eventType).containsExactly("OrderPlaced");
        assertThat(lanes.get("order-service")).extracting(LaneEntry::eventType).containsExactly("StockReserved");
        assertThat(lanes.get("notification-service")).isEmpty();
    }

    @Test
    void theStatusFollowsTheLatestOrderEvent() {
        UUID orderId = UUID.randomUUID();
        board.seen(orderId, "c-1", record("order-events", 0, 0, "OrderPlaced", 1, 0), T0);
        assertThat(board.latest(1).get(0).status()).isEqualTo(OrderStatus.PENDING);
        board.seen(orderId, null, record("inventory-events", 0, 0, "StockReserved", 1, 5), T0);
        board.seen(orderId, "c-1", record("order-events", 0, 1, "OrderConfirmed", 2, 10), T0);
        assertThat(board.latest(1).get(0).status()).isEqualTo(OrderStatus.CONFIRMED);
        board.seen(orderId, "c-1", record("order-events", 0, 2, "OrderCancelled", 3, 20), T0);
        assertThat(board.latest(1).get(0).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void ordersPlacedBeforeTheConsoleStartedAreNotShown() {
        board.seen(UUID.randomUUID(), "c-1", record("order-events", 0, 7, "OrderConfirmed", 2, 0), T0);
        assertThat(board.latest(10)).isEmpty();
    }

    @Test
    void aPushTakesAtMostSoManyChangedOrdersAndTheNextTakesTheRest() {
        for (int i = 0; i < 7; i++) {
            board.seen(UUID.randomUUID(), "c-1", record("order-events", 0, i, "OrderPlaced", 1, i), T0);
        }
        OrderBoard.Updates first = board.drain(5);
        assertThat(first.orders()).hasSize(5);
        assertThat(first.heldBack()).isEqualTo(2);
        OrderBoard.Updates second = board.drain(5);
        assertThat(second.orders()).hasSize(2);
        assertThat(second.heldBack()).isZero();
        assertThat(board.drain(5).orders()).isEmpty();
    }

    @Test
    void theOldestOrderIsForgottenPastCapacity() {
        OrderBoard small = new OrderBoard(GROUPS, 2, new OrderSampler(1000));
        UUID first = UUID.randomUUID();
        small.seen(first, "c-1", record("order-events", 0, 0, "OrderPlaced", 1, 0), T0);
        small.seen(UUID.randomUUID(), "c-1", record("order-events", 0, 1, "OrderPlaced", 1, 1), T0);
        small.seen(UUID.randomUUID(), "c-1", record("order-events", 0, 2, "OrderPlaced", 1, 2), T0);
        assertThat(small.latest(10)).hasSize(2).extracting(OrderView::orderId).doesNotContain(first);
        assertThat(small.story(first, null)).isEmpty();
    }

    @Test
    void theStoryHasEveryRecordInWrittenOrderWithItsTrace() {
        UUID orderId = UUID.randomUUID();
        board.committed("inventory-service", Map.of(new PartitionRef("order-events", 2), 1L), T0);
        board.seen(orderId, null, record("inventory-events", 2, 9, "StockReserved", 1, 40), T0);
        board.seen(orderId, "c-9", record("order-events", 2, 0, "OrderPlaced", 1, 0), T0.plusMillis(60));
        board.seen(orderId, "c-9", record("order-events", 2, 1, "OrderConfirmed", 2, 80), T0.plusMillis(90));

        OrderStory story = board.story(orderId, "http://jaeger/trace/{traceId}").orElseThrow();
        assertThat(story.entries()).extracting(StoryEntry::eventType).containsExactly("OrderPlaced", "OrderConfirmed");
        assertThat(story.traceUrl()).isEqualTo("http://jaeger/trace/4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(story.entries().get(0).handledAfterMs()).containsEntry("inventory-service", 60L);
        assertThat(story.entries().get(1).handledAfterMs()).containsEntry("inventory-service", null);
    }
}
