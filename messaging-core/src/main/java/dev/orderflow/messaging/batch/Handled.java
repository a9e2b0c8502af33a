package dev.orderflow.messaging.batch;

import dev.orderflow.messaging.inbox.Sequences;

/**
 * What applying one event did, as its log line and counters tell it (ADR 3).
 *
 * @param outcome          the {@code outcome} tag of {@code orderflow.events.handled}, e.g. {@code reserved}
 * @param summary          the end of the log line after {@code ->}, e.g. {@code reserved 2 lines, answered StockReserved}
 * @param expectedSequence the sequence that was due for the event's order, {@link Sequences#NOT_CHECKED} when none was
 *                         checked (a duplicate, an unknown order)
 */
public record Handled(String outcome, String summary, long expectedSequence) {

    public static final String DUPLICATE = "duplicate";

    private static final Handled DUPLICATE_SKIPPED = new Handled(DUPLICATE, "duplicate, skipped", Sequences.NOT_CHECKED);

    /** An event applied before (its id is in the inbox, or it came twice in one poll): nothing changed. */
    public static Handled duplicate() {
        return DUPLICATE_SKIPPED;
    }

    public boolean isDuplicate() {
        return DUPLICATE.equals(outcome);
    }

    /** A gap, or an event overtaken by a later one; never said of a duplicate. */
    public boolean outOfOrder(long sequence) {
        return !isDuplicate() && Sequences.outOfOrder(sequence, expectedSequence);
    }
}
