package dev.orderflow.console.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One record of an order's story.
 *
 * @param handledAfterMs consumer group → milliseconds from placement until the console saw it handled, or null for a
 *                       group that reads the topic but has not handled the record yet
 */
public record StoryEntry(Instant at, String topic, int partition, long offset, String eventType, long sequence,
        String eventId, String traceId, String detail, boolean deadLetter, Map<String, Long> handledAfterMs) {
}
