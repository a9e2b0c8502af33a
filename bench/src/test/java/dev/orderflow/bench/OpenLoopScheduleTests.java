package dev.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTests {

    @Test
    void spacesSendsEvenlyFromTheStart() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(4, Duration.ofSeconds(2));

        assertThat(schedule.sends()).isEqualTo(8);
        assertThat(schedule.offsetNanos(0)).isZero();
        assertThat(schedule.offsetNanos(1)).isEqualTo(250_000_000L);
        assertThat(schedule.offsetNanos(7)).isEqualTo(1_750_000_000L);
    }

    @Test
    void keepsHighRatesExactOverLongRuns() {
        OpenLoopSchedule schedule = new OpenLoopSchedule(3000, Duration.ofMinutes(10));

        assertThat(schedule.sends()).isEqualTo(1_800_000);
        assertThat(schedule.offsetNanos(1_799_999)).isEqualTo(599_999_666_666L);
    }

    @Test
    void countsOnlyWholeSendsOfAPartialSecond() {
        assertThat(new OpenLoopSchedule(3, Duration.ofMillis(500)).sends()).isEqualTo(1);
    }

    @Test
    void refusesARateBelowOnePerSecond() {
        assertThatThrownBy(() -> new OpenLoopSchedule(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rampsEvenlyFromTheStartRateToTheRate() {
        OpenLoopSchedule ramp = OpenLoopSchedule.ramp(10, 110, Duration.ofSeconds(100));

        // (10 + 110) / 2 per second on average over 100 s
        assertThat(ramp.sends()).isEqualTo(6_000);
        assertThat(ramp.offsetNanos(0)).isZero();
        // 10 s in: 10*10 + 1*10^2/2 = 150 sends were due
        assertThat(ramp.offsetNanos(150)).isCloseTo(10_000_000_000L, org.assertj.core.api.Assertions.within(1_000_000L));
        // the gaps shrink from 1/10 s towards 1/110 s
        assertThat(ramp.offsetNanos(1) - ramp.offsetNanos(0)).isGreaterThan(ramp.offsetNanos(5_999) - ramp.offsetNanos(5_998));
        assertThat(ramp.offsetNanos(5_999)).isLessThan(100_000_000_000L);
    }

    @Test
    void aRampThatStartsAboveItsEndIsAFixedRate() {
        OpenLoopSchedule ramp = OpenLoopSchedule.ramp(10, 4, Duration.ofSeconds(2));

        assertThat(ramp.sends()).isEqualTo(8);
        assertThat(ramp.offsetNanos(1)).isEqualTo(250_000_000L);
    }
}
