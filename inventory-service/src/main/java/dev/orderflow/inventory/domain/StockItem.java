package dev.orderflow.inventory.domain;

import java.time.Instant;

/** The units of one SKU: {@code available} to new orders and {@code reserved} by orders that hold them. */
public class StockItem {

    private final String sku;

    private int available;

    private int reserved;

    private Instant updatedAt;

    private boolean changed;

    StockItem(String sku, int available, int reserved, Instant updatedAt) {
        this.sku = sku;
        this.available = available;
        this.reserved = reserved;
        this.updatedAt = updatedAt;
    }

    public String getSku() {
        return sku;
    }

    public int getAvailable() {
        return available;
    }

    public int getReserved() {
        return reserved;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** Whether {@link #reserve} or {@link #release} moved units since it was read, so it must be written back. */
    boolean isChanged() {
        return changed;
    }

    void reserve(int quantity, Instant now) {
        if (quantity > available) {
            throw new IllegalStateException("cannot reserve " + quantity + " of " + sku + ", only " + available + " available");
        }
        available -= quantity;
        reserved += quantity;
        updatedAt = now;
        changed = true;
    }

    void release(int quantity, Instant now) {
        if (quantity > reserved) {
            throw new IllegalStateException("cannot release " + quantity + " of " + sku + ", only " + reserved + " reserved");
        }
        reserved -= quantity;
        available += quantity;
        updatedAt = now;
        changed = true;
    }
}
