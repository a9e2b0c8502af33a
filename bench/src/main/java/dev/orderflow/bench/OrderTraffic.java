package dev.orderflow.bench;

import dev.orderflow.bench.OrderLedger.AcceptedOrder;
import dev.orderflow.bench.OrderMix.PlannedOrder;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Places one order of the mix through the gateway and books the answer: accepted orders go to the ledger and the
 * timeline, a planned share is cancelled shortly after its 202, so cancels race the stock decision both ways.
 */
final class OrderTraffic {

    private final GatewayClient gateway;
    private final OrderMix mix;
    private final BenchClock clock;
    private final OrderLedger ledger;
    private final Timeline timeline;
    private final ScheduledExecutorService cancelTimer;
    private final AtomicInteger cancelsInFlight = new AtomicInteger();
    private final LongAdder cancelsSent = new LongAdder();
    private final LongAdder cancelsFailed = new LongAdder();

    OrderTraffic(GatewayClient gateway, OrderMix mix, BenchClock clock, OrderLedger ledger, Timeline timeline,
            ScheduledExecutorService cancelTimer) {
        this.gateway = gateway;
        this.mix = mix;
        this.clock = clock;
        this.ledger = ledger;
        this.timeline = timeline;
        this.cancelTimer = cancelTimer;
    }

    /** Completes when the gateway has answered (or the call failed); never completes exceptionally. */
    CompletableFuture<Void> place(Phase phase, long intendedNanos) {
        PlannedOrder order = mix.next(ThreadLocalRandom.current());
        phase.sent();
        return gateway.placeOrder(order.customerId(), order.lines())
                .handle((response, failure) -> {
                    book(phase, order, intendedNanos, response, failure);
                    return null;
                });
    }

    long cancelsSent() {
        return cancelsSent.sum();
    }

    /** Cancels answered other than 202 or 409, or not at all. */
    long cancelsFailed() {
        return cancelsFailed.sum();
    }

    /** Cancels scheduled or still waiting for their answer. */
    int cancelsInFlight() {
        return cancelsInFlight.get();
    }

    private void book(Phase phase, PlannedOrder order, long intendedNanos, HttpResponse<Void> response,
            Throwable failure) {
        long answeredNanos = clock.nanoTime();
        if (failure != null) {
            phase.failed();
            return;
        }
        if (response.statusCode() != 202) {
            phase.refused();
            return;
        }
        UUID orderId = GatewayClient.orderIdOf(response).orElse(null);
        if (orderId == null) {
            phase.failed();
            return;
        }
        ledger.add(new AcceptedOrder(orderId, phase, clock.epochMicros(intendedNanos), order.lines()));
        timeline.accepted(clock.epochMicros(answeredNanos));
        phase.accepted((answeredNanos - intendedNanos) / 1000);
        if (order.cancels()) {
            cancelLater(orderId, order.cancelAfterMillis());
        }
    }

    private void cancelLater(UUID orderId, long delayMillis) {
        cancelsInFlight.incrementAndGet();
        cancelTimer.schedule(() -> {
            cancelsSent.increment();
            gateway.cancel(orderId).whenComplete((response, failure) -> {
                // 409: the order was REJECTED before the cancel arrived, which the contract allows.
                if (failure != null || response.statusCode() != 202 && response.statusCode() != 409) {
                    cancelsFailed.increment();
                }
                cancelsInFlight.decrementAndGet();
            });
        }, delayMillis, TimeUnit.MILLISECONDS);
    }
}
