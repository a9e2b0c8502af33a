package dev.orderflow.console.domain;

/**
 * One of an order's records in one consumer group's lane.
 *
 * @param handledAfterMs from the order's placement to the moment the console saw the group's committed offset pass
 *                       the record (an upper bound: the services commit once a second); null while not handled
 */
public record LaneEntry(String eventType, String topic, int partition, long offset, long sequence, Long handledAfterMs) {
}
