package dev.orderflow.bench;

import java.time.Duration;

/**
 * Fixed intended send times: at rate r, send i is due at i/r seconds after the start, whatever happened to the
 * sends before it. Latency is measured from these times, so a stalled system is charged for the requests it kept
 * waiting, not only for those that got through (no coordinated omission).
 *
 * <p>A ramp starts at {@code startRate} and rises evenly to {@code ratePerSecond} over the duration: the warm-up uses
 * one, so that five cold JVMs on two cores are not overloaded before their JIT has compiled the hot paths.
 */
record OpenLoopSchedule(int startRate, int ratePerSecond, Duration duration) {

    OpenLoopSchedule {
        if (startRate < 1 || ratePerSecond < 1) {
            throw new IllegalArgumentException("a rate is at least 1 per second, not " + Math.min(startRate, ratePerSecond));
        }
    }

    OpenLoopSchedule(int ratePerSecond, Duration duration) {
        this(ratePerSecond, ratePerSecond, duration);
    }

    static OpenLoopSchedule ramp(int startRate, int endRate, Duration duration) {
        return new OpenLoopSchedule(Math.min(startRate, endRate), endRate, duration);
    }

    long sends() {
        if (startRate == ratePerSecond) {
            return ratePerSecond * duration.toNanos() / 1_000_000_000L;
        }
        return (long) ((startRate + ratePerSecond) / 2.0 * duration.toNanos() / 1e9);
    }

    long offsetNanos(long send) {
        if (startRate == ratePerSecond) {
            return send * 1_000_000_000L / ratePerSecond;
        }
        // Sends due by time t: startRate*t + slope*t^2/2, with slope = (rate - startRate) / duration; solved for t.
        double seconds = duration.toNanos() / 1e9;
        double slope = (ratePerSecond - startRate) / seconds;
        double t = (-startRate + Math.sqrt((double) startRate * startRate + 2 * slope * send)) / slope;
        return (long) (t * 1e9);
    }
}
