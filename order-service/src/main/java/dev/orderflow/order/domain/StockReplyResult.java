package dev.orderflow.order.domain;

/**
 * The result of applying a stock reply.
 *
 * @param outcome          what happened, for metrics
 * @param description      what happened, for the log line (e.g. {@code confirmed, published OrderConfirmed})
 * @param expectedSequence the sequence that was due for this order; 0 when not checked (duplicate or unknown order)
 */
public record StockReplyResult(StockReplyOutcome outcome, String description, long expectedSequence) {

    static StockReplyResult duplicate() {
        return new StockReplyResult(StockReplyOutcome.DUPLICATE, "duplicate, skipped", 0);
    }

    public boolean outOfOrder(long sequence) {
        return expectedSequence != 0 && expectedSequence != sequence;
    }
}
