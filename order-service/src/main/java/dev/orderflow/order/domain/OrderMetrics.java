package dev.orderflow.order.domain;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.OrderRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** {@code orderflow.orders.placed|confirmed|rejected|cancelled}: counted after commit, so a rollback counts nothing. */
@Component
class OrderMetrics implements OrderEvent.Handler<Counter> {

    private final Counter placed;
    private final Counter confirmed;
    private final Counter rejected;
    private final Counter cancelled;

    OrderMetrics(MeterRegistry registry) {
        this.placed = registry.counter("orderflow.orders.placed");
        this.confirmed = registry.counter("orderflow.orders.confirmed");
        this.rejected = registry.counter("orderflow.orders.rejected");
        this.cancelled = registry.counter("orderflow.orders.cancelled");
    }

    @TransactionalEventListener
    void count(OrderEventRecorded recorded) {
        recorded.event().accept(this).increment();
    }

    @Override
    public Counter placed(OrderPlaced event) {
        return placed;
    }

    @Override
    public Counter cancelled(OrderCancelled event) {
        return cancelled;
    }

    @Override
    public Counter confirmed(OrderConfirmed event) {
        return confirmed;
    }

    @Override
    public Counter rejected(OrderRejected event) {
        return rejected;
    }
}
