package dev.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTests {

    @Test
    void reportsPercentilesInMillisecondsFromMicroseconds() {
        Histogram micros = LatencySummary.newHistogram();
        for (int millis = 1; millis <= 100; millis++) {
            LatencySummary.record(micros, millis * 1000L);
        }

        LatencySummary summary = LatencySummary.of(micros);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isCloseTo(50, within(0.1));
        assertThat(summary.p95()).isCloseTo(95, within(0.1));
        assertThat(summary.p99()).isCloseTo(99, within(0.1));
        assertThat(summary.max()).isCloseTo(100, within(0.1));
    }

    @Test
    void isNoneWithoutValues() {
        assertThat(LatencySummary.of(LatencySummary.newHistogram())).isEqualTo(LatencySummary.NONE);
    }

    @Test
    void keepsValuesOutsideItsRangeAtItsBounds() {
        Histogram micros = LatencySummary.newHistogram();
        LatencySummary.record(micros, -5);
        LatencySummary.record(micros, 10 * LatencySummary.HIGHEST_MICROS);

        LatencySummary summary = LatencySummary.of(micros);

        assertThat(summary.count()).isEqualTo(2);
        assertThat(summary.p50()).isZero();
        assertThat(summary.max()).isCloseTo(LatencySummary.HIGHEST_MICROS / 1000.0, within(LatencySummary.HIGHEST_MICROS / 1000.0 * 0.001));
    }
}
