package dev.orderflow.inventory.domain;

/** A number of units of one SKU, as an order asks for them or as a reservation holds them. */
public record StockLine(String sku, int quantity) {
}
