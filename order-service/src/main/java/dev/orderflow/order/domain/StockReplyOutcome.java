package dev.orderflow.order.domain;

/** What applying one {@code inventory-events} record did; the name is the {@code outcome} tag of the handled-events metric. */
public enum StockReplyOutcome {

    CONFIRMED,
    REJECTED,
    UNCHANGED,
    RELEASED,
    UNKNOWN_ORDER,
    DUPLICATE;

    public String tag() {
        return name().toLowerCase().replace('_', '-');
    }
}
