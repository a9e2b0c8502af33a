package dev.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.bench.ClosedLoopSearch.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosedLoopSearchTests {

    @Test
    void keepsPaceWhileCompletionsTrailAcceptancesByLittle() {
        assertThat(ClosedLoopSearch.keepsPace(1000, 980)).isTrue();
        assertThat(ClosedLoopSearch.keepsPace(1000, 900)).isFalse();
        assertThat(ClosedLoopSearch.keepsPace(0, 0)).isFalse();
    }

    @Test
    void theSustainedMaximumIsTheBestStepThatKeptPace() {
        ClosedLoopSearch.Result result = new ClosedLoopSearch.Result(List.of(
                step(4, 300, true), step(16, 700, true), step(64, 900, false)));

        assertThat(result.sustainedMaximum()).isEqualTo(700);
        assertThat(result.rawMaximum()).isEqualTo(900);
    }

    @Test
    void hasNoSustainedMaximumWhenNoStepKeptPace() {
        assertThat(new ClosedLoopSearch.Result(List.of(step(4, 300, false))).sustainedMaximum()).isZero();
    }

    private static Step step(int workers, double accepted, boolean sustained) {
        return new Step(workers, accepted, sustained ? accepted : accepted / 2, LatencySummary.NONE, sustained);
    }
}
