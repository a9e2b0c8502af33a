package dev.orderflow.console.domain;

import java.time.Instant;

/**
 * One record of an order as the console's consumer read it.
 *
 * @param timestamp  the record's timestamp (the producer's send time)
 * @param sequence   the event's per-order, per-topic sequence; 0 when the record could not be read (a dead letter)
 * @param traceId    from the record's {@code traceparent} header, or null
 * @param detail     a reason (rejections) or the failure of a dead letter, or null
 * @param deadLetter whether it was read from a {@code -dlt} topic
 */
public record SeenRecord(String topic, int partition, long offset, Instant timestamp, String eventType, String eventId,
        long sequence, String traceId, String detail, boolean deadLetter) {

    public PartitionRef partitionRef() {
        return new PartitionRef(topic, partition);
    }

    /** A group has handled this record once its committed offset (the next one to read) is past it. */
    public boolean handledAt(Long committedOffset) {
        return committedOffset != null && committedOffset > offset;
    }
}
