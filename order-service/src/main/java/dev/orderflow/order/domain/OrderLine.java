package dev.orderflow.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of an order: how many units of which SKU. */
@Embeddable
public class OrderLine {

    @Column(name = "sku", nullable = false, length = 64)
    private String sku;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    protected OrderLine() {
        // for JPA
    }

    public OrderLine(String sku, int quantity) {
        this.sku = sku;
        this.quantity = quantity;
    }

    public String sku() {
        return sku;
    }

    public int quantity() {
        return quantity;
    }

    dev.orderflow.events.OrderLine toEvent() {
        return new dev.orderflow.events.OrderLine(sku, quantity);
    }
}
