package dev.orderflow.order.web;

import dev.orderflow.order.domain.OrderLine;
import dev.orderflow.order.domain.PlaceOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /api/orders}. */
public record PlaceOrderRequest(
        @NotBlank @Size(max = 64) String customerId,
        @NotNull @Size(min = 1, max = 50) @DistinctSkus List<@NotNull @Valid OrderItem> items) {

    PlaceOrder toCommand() {
        return new PlaceOrder(customerId, items.stream().map(item -> new OrderLine(item.sku(), item.quantity())).toList());
    }
}
