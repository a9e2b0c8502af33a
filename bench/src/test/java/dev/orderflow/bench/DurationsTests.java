package dev.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTests {

    @Test
    void readsTheUnitsPeopleType() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesThemShort() {
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(Durations.format(Duration.ofSeconds(300))).isEqualTo("5 min");
        assertThat(Durations.format(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
    }

    @Test
    void readsRanges() {
        assertThat(IntRange.parse("1-3")).isEqualTo(new IntRange(1, 3));
        assertThat(IntRange.parse("2")).isEqualTo(new IntRange(2, 2));
        assertThatThrownBy(() -> IntRange.parse("3-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
