package dev.orderflow.inventory.messaging;

/**
 * What handling one order event did.
 *
 * @param outcome          the metric tag: {@code reserved}, {@code rejected}, {@code released}, {@code ignored},
 *                         or {@code duplicate} for a redelivery that changed nothing
 * @param summary          the end of the log line, e.g. {@code reserved 2 lines, answered StockReserved}
 * @param expectedSequence the sequence that was due for the order (0 for a duplicate, which is not checked)
 */
record HandledEvent(String outcome, String summary, long expectedSequence) {

    static final String DUPLICATE = "duplicate";

    static HandledEvent duplicate() {
        return new HandledEvent(DUPLICATE, "duplicate, skipped", 0);
    }

    boolean isDuplicate() {
        return DUPLICATE.equals(outcome);
    }
}
