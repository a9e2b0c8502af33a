package dev.orderflow.order.web;

import dev.orderflow.order.domain.Order;
import dev.orderflow.order.domain.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The order as the contract shows it. */
public record OrderResponse(
        UUID orderId,
        String customerId,
        List<OrderItem> items,
        OrderStatus status,
        String rejectionReason,
        Instant createdAt,
        Instant updatedAt) {

    static OrderResponse of(Order order) {
        return new OrderResponse(order.orderId(), order.customerId(),
                order.lines().stream().map(line -> new OrderItem(line.sku(), line.quantity())).toList(),
                order.status(), order.rejectionReason(), order.createdAt(), order.updatedAt());
    }
}
