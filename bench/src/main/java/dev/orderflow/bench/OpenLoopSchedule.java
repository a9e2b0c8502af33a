package dev.orderflow.bench;

import java.time.Duration;

/**
 * Fixed intended send times: at rate r, send i is due at i/r seconds after the start, whatever happened to the
 * sends before it. Latency is measured from these times, so a stalled system is charged for the requests it kept
 * waiting, not only for those that got through (no coordinated omission).
 */
record OpenLoopSchedule(int ratePerSecond, Duration duration) {

    OpenLoopSchedule {
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("a rate is at least 1 per second, not " + ratePerSecond);
        }
    }

    long sends() {
        return ratePerSecond * duration.toNanos() / 1_000_000_000L;
    }

    long offsetNanos(long send) {
        return send * 1_000_000_000L / ratePerSecond;
    }
}
