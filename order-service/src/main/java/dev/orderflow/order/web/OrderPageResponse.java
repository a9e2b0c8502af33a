package dev.orderflow.order.web;

import dev.orderflow.order.domain.Order;
import java.util.List;
import org.springframework.data.domain.Page;

/** One page of orders: {@code {"content": [...], "page": n, "size": n, "totalElements": n}}. */
public record OrderPageResponse(List<OrderResponse> content, int page, int size, long totalElements) {

    static OrderPageResponse of(Page<Order> page) {
        return new OrderPageResponse(page.getContent().stream().map(OrderResponse::of).toList(), page.getNumber(),
                page.getSize(), page.getTotalElements());
    }
}
