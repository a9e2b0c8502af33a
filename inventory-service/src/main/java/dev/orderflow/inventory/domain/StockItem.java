package dev.orderflow.inventory.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The units of one SKU: {@code available} to new orders and {@code reserved} by orders that hold them. */
@Entity
@Table(name = "stock_items")
public class StockItem {

    @Id
    private String sku;

    private int available;

    private int reserved;

    private Instant updatedAt;

    protected StockItem() {
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

    void reserve(int quantity, Instant now) {
        if (quantity > available) {
            throw new IllegalStateException("cannot reserve " + quantity + " of " + sku + ", only " + available + " available");
        }
        available -= quantity;
        reserved += quantity;
        updatedAt = now;
    }

    void release(int quantity, Instant now) {
        if (quantity > reserved) {
            throw new IllegalStateException("cannot release " + quantity + " of " + sku + ", only " + reserved + " reserved");
        }
        reserved -= quantity;
        available += quantity;
        updatedAt = now;
    }
}
