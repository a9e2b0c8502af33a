package dev.orderflow.order.domain;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderPlaced;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Hibernate;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What clients do with orders: place, read, list and cancel. Each call is one transaction. */
@Service
public class OrderService {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("orderId"));

    private final OrderRepository orders;
    private final IdempotencyKeys idempotencyKeys;
    private final OrderEventOutbox outbox;
    private final Clock clock;

    OrderService(OrderRepository orders, IdempotencyKeys idempotencyKeys, OrderEventOutbox outbox, Clock clock) {
        this.orders = orders;
        this.idempotencyKeys = idempotencyKeys;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Stores a PENDING order and its {@code OrderPlaced} event. With an idempotency key, a repeat of the same
     * request returns the order the key created, and a different request under that key is refused.
     *
     * @throws IdempotencyKeyConflictException when {@code idempotencyKey} was used for another request
     */
    @Transactional
    public PlacedOrder place(PlaceOrder request, Optional<String> idempotencyKey) {
        UUID orderId = UUID.randomUUID();
        if (idempotencyKey.isPresent()) {
            String fingerprint = request.fingerprint();
            if (!idempotencyKeys.claim(idempotencyKey.get(), fingerprint, orderId)) {
                return replay(idempotencyKey.get(), fingerprint);
            }
        }
        Order order = Order.place(orderId, request.customerId(), request.lines(), now());
        // The event's sequence is claimed before the save: Hibernate inserts the state the order had when it was
        // saved, so claiming it after would cost a second statement, an UPDATE of the row just inserted.
        OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), orderId, order.nextOrderEventSequence(),
                order.createdAt(), order.customerId(), order.lines().stream().map(OrderLine::toEvent).toList());
        orders.save(order);
        outbox.append(order, placed);
        return new PlacedOrder(order, false);
    }

    private PlacedOrder replay(String idempotencyKey, String fingerprint) {
        IdempotencyKeys.Claim claim = idempotencyKeys.find(idempotencyKey)
                .orElseThrow(() -> new IllegalStateException("idempotency key claimed but not found"));
        if (!claim.requestFingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyConflictException();
        }
        Order order = orders.findWithLinesByOrderId(claim.orderId())
                .orElseThrow(() -> new OrderNotFoundException(claim.orderId()));
        return new PlacedOrder(order, true);
    }

    @Transactional(readOnly = true)
    public Order find(UUID orderId) {
        return orders.findWithLinesByOrderId(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /** A page of orders, newest first, optionally filtered; lines come in one extra query for the whole page. */
    @Transactional(readOnly = true)
    public Page<Order> list(Optional<String> customerId, Optional<OrderStatus> status, int page, int size) {
        Specification<Order> filter = Specification.unrestricted();
        if (customerId.isPresent()) {
            filter = filter.and((order, query, cb) -> cb.equal(order.get("customerId"), customerId.get()));
        }
        if (status.isPresent()) {
            filter = filter.and((order, query, cb) -> cb.equal(order.get("status"), status.get()));
        }
        Page<Order> result = orders.findAll(filter, PageRequest.of(page, size, NEWEST_FIRST));
        if (result.hasContent()) {
            Map<UUID, Order> withLines = orders.findWithLinesByOrderIdIn(
                            result.getContent().stream().map(Order::orderId).toList())
                    .stream().collect(Collectors.toMap(Order::orderId, Function.identity()));
            result = result.map(order -> withLines.get(order.orderId()));
        }
        return result;
    }

    /**
     * Cancels a PENDING or CONFIRMED order and records {@code OrderCancelled}. The row lock makes a concurrent
     * stock reply wait, so the two cannot both act on the same PENDING order.
     *
     * @throws IllegalStatusTransitionException when the order is already REJECTED or CANCELLED
     */
    @Transactional
    public Order cancel(UUID orderId) {
        Order order = orders.findForUpdate(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
        order.cancel(now());
        outbox.append(order, new OrderCancelled(UUID.randomUUID(), orderId, order.nextOrderEventSequence(),
                order.updatedAt(), order.customerId()));
        // The answer lists the items; load them here, while the transaction is open.
        Hibernate.initialize(order.mappedLines());
        return order;
    }

    /** PostgreSQL keeps microseconds: truncating here makes the answer equal what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
