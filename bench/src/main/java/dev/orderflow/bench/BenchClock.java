package dev.orderflow.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Monotonic time for scheduling and measuring, mapped onto the wall clock once so that a send time can be compared
 * with an event's {@code occurredAt}, which the services take from the same machine's clock.
 */
final class BenchClock {

    private final long anchorNanos = System.nanoTime();
    private final long anchorEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());

    long nanoTime() {
        return System.nanoTime();
    }

    long epochMicros(long nanoTime) {
        return anchorEpochMicros + (nanoTime - anchorNanos) / 1000;
    }

    long nowEpochMicros() {
        return epochMicros(nanoTime());
    }

    static long epochMicros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
