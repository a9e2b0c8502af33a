package dev.orderflow.order.web;

import dev.orderflow.order.domain.Order;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(OrderController.class);

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
        Order order = placed.order();
        // Logged after the commit: the first line of an order's life, with the trace id its events carry on.
        log.atInfo().addKeyValue("orderId", order.orderId()).addKeyValue("eventType", "OrderPlaced")
                .log(placed.replayed() ? "Order accepted again (same Idempotency-Key) orderId={} customer={} -> {}"
                                : "Order accepted orderId={} customer={} -> {}, OrderPlaced in the outbox",
                        order.orderId(), order.customerId(), order.status());
        return accepted(OrderResponse.of(order));
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
        Order order = orders.cancel(orderId);
        log.atInfo().addKeyValue("orderId", orderId).addKeyValue("eventType", "OrderCancelled")
                .log("Order cancelled orderId={} customer={} -> {}, OrderCancelled in the outbox", orderId,
                        order.customerId(), order.status());
        return accepted(OrderResponse.of(order));
    }

    /** 202: the order is stored; stock is settled asynchronously. The Location stays relative, as behind the gateway. */
    private static ResponseEntity<OrderResponse> accepted(OrderResponse order) {
        return ResponseEntity.accepted().location(URI.create("/api/orders/" + order.orderId())).body(order);
    }
}
