package dev.orderflow.order.domain;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.OrderRejected;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * {@code orderflow.orders.placed|confirmed|rejected|cancelled}, and {@code orderflow.orders.confirmation.latency}
 * from the order's {@code createdAt} to the commit of its confirmation. Counted after commit, so a rollback
 * counts nothing.
 */
@Component
class OrderMetrics implements OrderEvent.Handler<Counter> {

    private final Counter placed;
    private final Counter confirmed;
    private final Counter rejected;
    private final Counter cancelled;
    private final Timer confirmationLatency;
    private final Clock clock;

    OrderMetrics(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        this.placed = registry.counter("orderflow.orders.placed");
        this.confirmed = registry.counter("orderflow.orders.confirmed");
        this.rejected = registry.counter("orderflow.orders.rejected");
        this.cancelled = registry.counter("orderflow.orders.cancelled");
        this.confirmationLatency = Timer.builder("orderflow.orders.confirmation.latency")
                .description("From an order's placement to the commit of its confirmation")
                // Buckets, not client-side percentiles: Prometheus can then aggregate across instances.
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    @TransactionalEventListener
    void count(OrderEventRecorded recorded) {
        recorded.event().accept(this).increment();
        if (recorded.event() instanceof OrderConfirmed) {
            confirmationLatency.record(Duration.between(recorded.orderPlacedAt(), clock.instant()));
        }
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
