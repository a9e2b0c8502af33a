package dev.orderflow.bench;

import org.HdrHistogram.Histogram;

/** The percentiles the report shows, in milliseconds, from a histogram recorded in microseconds. */
record LatencySummary(long count, double p50, double p95, double p99, double max) {

    static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0);
    /** Latencies up to an hour: a backlog that drains for minutes still fits. */
    static final long HIGHEST_MICROS = 3_600_000_000L;

    /** Three significant digits, in microseconds. */
    static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    static void record(Histogram micros, long latencyMicros) {
        micros.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, latencyMicros)));
    }

    static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return NONE;
        }
        return new LatencySummary(micros.getTotalCount(),
                millis(micros.getValueAtPercentile(50)),
                millis(micros.getValueAtPercentile(95)),
                millis(micros.getValueAtPercentile(99)),
                millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
