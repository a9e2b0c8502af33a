package dev.orderflow.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderSamplerTests {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void followsEveryOrderBelowTheLimit() {
        OrderSampler sampler = new OrderSampler(20);
        long followed = IntStream.range(0, 15).filter(i -> sampler.follow(UUID.randomUUID(), T0)).count();
        assertThat(followed).isEqualTo(15);
        sampler.tick(T0.plusSeconds(1));
        assertThat(sampler.divisor()).isEqualTo(1);
    }

    @Test
    void followsOneInAPowerOfTwoAboveTheLimitChosenByOrderId() {
        OrderSampler sampler = new OrderSampler(20);
        IntStream.range(0, 1000).forEach(i -> sampler.follow(UUID.randomUUID(), T0));
        sampler.tick(T0.plusSeconds(1));
        assertThat(sampler.lastSecondRate()).isEqualTo(1000);
        assertThat(sampler.divisor()).isEqualTo(64); // 1000 / 64 = 15.6 <= 20 < 1000 / 32

        long followed = IntStream.range(0, 6400).filter(i -> sampler.follow(UUID.randomUUID(), T0.plusSeconds(1))).count();
        assertThat(followed).isBetween(50L, 160L);

        UUID chosen = new UUID(1, 64 * 7);
        assertThat(sampler.follow(chosen, T0.plusSeconds(1))).isTrue();
        assertThat(sampler.follow(new UUID(1, 64 * 7 + 1), T0.plusSeconds(1))).isFalse();
    }

    @Test
    void theRateFallsBackWhenOrdersStop() {
        OrderSampler sampler = new OrderSampler(20);
        IntStream.range(0, 1000).forEach(i -> sampler.follow(UUID.randomUUID(), T0));
        sampler.tick(T0.plusSeconds(5));
        assertThat(sampler.lastSecondRate()).isZero();
        assertThat(sampler.divisor()).isEqualTo(1);
    }

    @Test
    void divisorIsTheSmallestPowerOfTwoThatFits() {
        assertThat(OrderSampler.divisorFor(0, 20)).isEqualTo(1);
        assertThat(OrderSampler.divisorFor(20, 20)).isEqualTo(1);
        assertThat(OrderSampler.divisorFor(21, 20)).isEqualTo(2);
        assertThat(OrderSampler.divisorFor(5000, 50)).isEqualTo(128);
    }
}
