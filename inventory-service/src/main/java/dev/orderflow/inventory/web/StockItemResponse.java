package dev.orderflow.inventory.web;

import dev.orderflow.inventory.domain.StockItem;

public record StockItemResponse(String sku, int available, int reserved) {

    static StockItemResponse of(StockItem item) {
        return new StockItemResponse(item.getSku(), item.getAvailable(), item.getReserved());
    }
}
