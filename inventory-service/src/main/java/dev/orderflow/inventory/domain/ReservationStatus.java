package dev.orderflow.inventory.domain;

/** Where an order stands with inventory. Stock moves only on NONE → HELD and HELD → RELEASED. */
public enum ReservationStatus {
    /** Known from some event, but no OrderPlaced decided yet. */
    NONE,
    /** Every line reserved. */
    HELD,
    /** Nothing reserved. */
    REJECTED,
    /** Cancelled: whatever it held is available again, and it will never hold stock again. */
    RELEASED
}
