package dev.orderflow.console.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An order as the page shows it: where its key landed and, per consumer group, which of its records that group has
 * handled.
 *
 * @param partition    the {@code order-events} partition its key maps to
 * @param placedOffset the offset of its {@code OrderPlaced}
 * @param lanes        consumer group → the order's records on the topics that group reads, in offset order
 * @param deadLetters  how many of its records went to a dead-letter topic
 */
public record OrderView(UUID orderId, String customerId, int partition, long placedOffset, Instant placedAt,
        OrderStatus status, Map<String, List<LaneEntry>> lanes, int deadLetters) {
}
