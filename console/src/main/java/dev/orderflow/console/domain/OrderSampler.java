package dev.orderflow.console.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Decides which new orders the console follows. Below {@code maxPerSecond} new orders a second it follows every
 * one; above, 1 in 2, 4, 8… chosen by the orderId, so a followed order is followed for its whole life and its
 * lanes are complete. The rate is that of the last whole second, so the choice adapts within a second.
 */
public final class OrderSampler {

    private final int maxPerSecond;
    private long currentSecond = Long.MIN_VALUE;
    private long countThisSecond;
    private long lastSecondRate;
    private int divisor = 1;

    public OrderSampler(int maxPerSecond) {
        if (maxPerSecond < 1) {
            throw new IllegalArgumentException("maxPerSecond must be at least 1");
        }
        this.maxPerSecond = maxPerSecond;
    }

    /** Counts a new order and says whether to follow it. */
    public boolean follow(UUID orderId, Instant now) {
        roll(now);
        countThisSecond++;
        return (orderId.getLeastSignificantBits() & (divisor - 1)) == 0;
    }

    /** 1 when every order is followed, else the N of "1 in N". */
    public int divisor() {
        return divisor;
    }

    /** New orders seen in the last whole second. */
    public long lastSecondRate() {
        return lastSecondRate;
    }

    public int maxPerSecond() {
        return maxPerSecond;
    }

    /** Lets the rate fall back to 0 when no order comes at all. */
    public void tick(Instant now) {
        roll(now);
    }

    private void roll(Instant now) {
        long second = now.getEpochSecond();
        if (second == currentSecond) {
            return;
        }
        lastSecondRate = second == currentSecond + 1 ? countThisSecond : 0;
        divisor = divisorFor(lastSecondRate, maxPerSecond);
        currentSecond = second;
        countThisSecond = 0;
    }

    /** The smallest power of two that brings {@code perSecond} down to {@code max} or below. */
    static int divisorFor(long perSecond, int max) {
        int d = 1;
        while (perSecond > (long) max * d && d < (1 << 20)) {
            d <<= 1;
        }
        return d;
    }
}
