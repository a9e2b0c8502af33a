package dev.orderflow.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers orders at a fixed rate, whether or not the system keeps up. A bounded number of requests may be waiting
 * for their answer; a send due while the bound is reached is counted as not sent rather than queued in the client,
 * which would hide the wait from the latency.
 */
final class OpenLoopLoad {

    private final OrderTraffic traffic;
    private final BenchClock clock;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();

    OpenLoopLoad(OrderTraffic traffic, BenchClock clock, int maxInFlight) {
        this.traffic = traffic;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
    }

    /** Returns when the last send was due; answers may still be on their way ({@link #inFlight()}). */
    void run(Phase phase, OpenLoopSchedule schedule) {
        long start = clock.nanoTime();
        phase.started(clock.epochMicros(start));
        for (long send = 0; send < schedule.sends(); send++) {
            long due = start + schedule.offsetNanos(send);
            parkUntil(due);
            if (inFlight.get() >= maxInFlight) {
                phase.notSent();
                continue;
            }
            inFlight.incrementAndGet();
            CompletableFuture<Void> answered = traffic.place(phase, due);
            answered.whenComplete((ignored, failure) -> inFlight.decrementAndGet());
        }
        long end = start + schedule.duration().toNanos();
        parkUntil(end);
        phase.ended(clock.epochMicros(end));
    }

    int inFlight() {
        return inFlight.get();
    }

    private void parkUntil(long dueNanos) {
        long wait;
        while ((wait = dueNanos - clock.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
