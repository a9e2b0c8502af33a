package dev.orderflow.bench;

import java.util.random.RandomGenerator;

/** An inclusive range of whole numbers, written {@code 1-3} (or {@code 2} for exactly two). */
record IntRange(int min, int max) {

    IntRange {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("a range needs 1 <= min <= max, not " + min + "-" + max);
        }
    }

    static IntRange parse(String text) {
        String[] bounds = text.trim().split("-", -1);
        try {
            if (bounds.length == 1) {
                int exactly = Integer.parseInt(bounds[0]);
                return new IntRange(exactly, exactly);
            }
            if (bounds.length == 2) {
                return new IntRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a range like 1-3");
    }

    int pick(RandomGenerator random) {
        return random.nextInt(min, max + 1);
    }

    @Override
    public String toString() {
        return min == max ? Integer.toString(min) : min + "-" + max;
    }
}
