package dev.orderflow.console.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Every record of one order on every topic the console reads, in the order they were written, with the trace they
 * belong to.
 *
 * @param traceId  the trace of the order's first record that carried one (one order is one trace, ADR 4)
 * @param traceUrl the trace backend's page for it, when a template is configured
 */
public record OrderStory(UUID orderId, String customerId, OrderStatus status, Instant placedAt, String traceId,
        String traceUrl, List<StoryEntry> entries) {

    /**
     * Written order: by record timestamp; records of one partition by offset (their timestamps can tie); across
     * topics at the same millisecond, the event sequence and then the topic name decide, so the story is stable.
     */
    static final Comparator<StoryEntry> WRITTEN_ORDER = Comparator.comparing(StoryEntry::at)
            .thenComparing(StoryEntry::sequence)
            .thenComparing(StoryEntry::topic)
            .thenComparingLong(StoryEntry::offset);

    public static OrderStory assemble(UUID orderId, String customerId, OrderStatus status, Instant placedAt,
            List<StoryEntry> entries, String traceUrlTemplate) {
        List<StoryEntry> sorted = new ArrayList<>(entries);
        sorted.sort(WRITTEN_ORDER);
        String traceId = sorted.stream().map(StoryEntry::traceId).filter(Objects::nonNull).findFirst().orElse(null);
        return new OrderStory(orderId, customerId, status, placedAt, traceId,
                TraceParent.link(traceUrlTemplate, traceId), List.copyOf(sorted));
    }
}
