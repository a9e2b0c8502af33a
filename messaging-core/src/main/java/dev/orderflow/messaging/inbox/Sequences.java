package dev.orderflow.messaging.inbox;

/**
 * The per-order sequence check of ADR 2. Each consumer keeps, with the aggregate its events change (an order, a
 * reservation, the notifications of an order), the highest sequence it applied from a topic, in the same transaction
 * as the effect; this rule says what was due and whether an event came out of order. An event out of order is still
 * applied (refusing it would stall the partition); the batch applier logs it at WARN and counts it.
 */
public final class Sequences {

    /** Returned as "expected" where nothing was checked (a duplicate, an event about an unknown aggregate). */
    public static final long NOT_CHECKED = 0;

    private Sequences() {
    }

    /** The sequence due after {@code highestApplied}; 1 when nothing was applied yet ({@code null} or 0). */
    public static long expectedAfter(Long highestApplied) {
        return highestApplied == null ? 1 : highestApplied + 1;
    }

    /** True when {@code sequence} was checked against {@code expected} and is not it: a gap, or an overtaken event. */
    public static boolean outOfOrder(long sequence, long expected) {
        return expected != NOT_CHECKED && sequence != expected;
    }
}
