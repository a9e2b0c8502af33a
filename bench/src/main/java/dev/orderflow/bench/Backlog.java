package dev.orderflow.bench;

import dev.orderflow.bench.OrderLedger.AcceptedOrder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.IntSupplier;

/** Waits for the orders a phase left behind, so that the next phase starts on an idle system. */
final class Backlog {

    private static final Duration CHECK_EVERY = Duration.ofMillis(100);

    private final OrderLedger ledger;
    private final EventLatencyTracker tracker;
    private final OrderTraffic traffic;

    Backlog(OrderLedger ledger, EventLatencyTracker tracker, OrderTraffic traffic) {
        this.ledger = ledger;
        this.tracker = tracker;
        this.traffic = traffic;
    }

    /**
     * Waits until every order of the phase the gateway accepted has reached a final status (and its cancels are
     * answered). Returns how long after the end of the offer the last one completed, or empty when the timeout
     * passed first.
     */
    Optional<Duration> awaitDrained(Phase phase, IntSupplier requestsInFlight, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requestsInFlight.getAsInt() > 0 || traffic.cancelsInFlight() > 0) {
            if (!pause(deadline)) {
                return Optional.empty();
            }
        }
        List<UUID> orders = ledger.of(phase).stream().map(AcceptedOrder::orderId).toList();
        OptionalLong last;
        while ((last = tracker.lastCompletion(orders)).isEmpty() && !orders.isEmpty()) {
            if (!pause(deadline)) {
                return Optional.empty();
            }
        }
        long drainedMicros = orders.isEmpty() ? 0 : Math.max(0, last.getAsLong() - phase.endEpochMicros());
        return Optional.of(Duration.ofNanos(drainedMicros * 1000));
    }

    private static boolean pause(long deadline) {
        if (System.nanoTime() >= deadline) {
            return false;
        }
        try {
            Thread.sleep(CHECK_EVERY.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
