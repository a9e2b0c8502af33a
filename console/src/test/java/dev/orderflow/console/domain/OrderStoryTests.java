package dev.orderflow.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderStoryTests {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    private static StoryEntry entry(long atMs, String topic, long offset, String type, long sequence, String traceId) {
        return new StoryEntry(T0.plusMillis(atMs), topic, 0, offset, type, sequence, null, traceId, null, false, Map.of());
    }

    @Test
    void entriesComeInWrittenOrderAcrossTopics() {
        OrderStory story = OrderStory.assemble(UUID.randomUUID(), "c-1", OrderStatus.CONFIRMED, T0, List.of(
                entry(30, "order-events", 8, "OrderConfirmed", 2, null),
                entry(10, "inventory-events", 3, "StockReserved", 1, null),
                entry(0, "order-events", 7, "OrderPlaced", 1, "0af7651916cd43dd8448eb211c80319c")), null);

        assertThat(story.entries()).extracting(StoryEntry::eventType)
                .containsExactly("OrderPlaced", "StockReserved", "OrderConfirmed");
        assertThat(story.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(story.traceUrl()).isNull();
    }

    @Test
    void recordsOfTheSameMillisecondKeepTheirSequenceAndOffsetOrder() {
        OrderStory story = OrderStory.assemble(UUID.randomUUID(), "c-1", OrderStatus.CANCELLED, T0, List.of(
                entry(5, "order-events", 11, "OrderCancelled", 3, null),
                entry(5, "order-events", 10, "OrderConfirmed", 2, null)), "http://t/{traceId}");

        assertThat(story.entries()).extracting(StoryEntry::offset).containsExactly(10L, 11L);
        assertThat(story.traceUrl()).as("no trace id, no link").isNull();
    }
}
