package dev.orderflow.order.web;

import dev.orderflow.order.domain.OrderService;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.PlacedOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderResponse> place(@Valid @RequestBody PlaceOrderRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
            @Size(min = 1, max = 128) @Pattern(regexp = "[\\x20-\\x7E]*", message = "must be printable ASCII")
            String idempotencyKey) {
        PlacedOrder placed = orders.place(request.toCommand(), Optional.ofNullable(idempotencyKey));
        return accepted(OrderResponse.of(placed.order()));
    }

    @GetMapping("/{orderId}")
    OrderResponse find(@PathVariable UUID orderId) {
        return OrderResponse.of(orders.find(orderId));
    }

    @GetMapping
    OrderPageResponse list(@RequestParam Optional<@Size(min = 1, max = 64) String> customerId,
            @RequestParam Optional<OrderStatus> status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return OrderPageResponse.of(orders.list(customerId, status, page, size));
    }

    @PostMapping("/{orderId}/cancel")
    ResponseEntity<OrderResponse> cancel(@PathVariable UUID orderId) {
        return accepted(OrderResponse.of(orders.cancel(orderId)));
    }

    /** 202: the order is stored; stock is settled asynchronously. The Location stays relative, as behind the gateway. */
    private static ResponseEntity<OrderResponse> accepted(OrderResponse order) {
        return ResponseEntity.accepted().location(URI.create("/api/orders/" + order.orderId())).body(order);
    }
}
