package dev.orderflow.events;

/** One line of an order: how many units of which SKU. */
public record OrderLine(String sku, int quantity) {
}
