package dev.orderflow.bench;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts per wall-clock second of the run: orders accepted by the gateway and orders completed by the system. */
final class Timeline {

    private final Map<Long, LongAdder> accepted = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> completed = new ConcurrentHashMap<>();

    void accepted(long epochMicros) {
        accepted.computeIfAbsent(epochMicros / 1_000_000, any -> new LongAdder()).increment();
    }

    void completed(long epochMicros) {
        completed.computeIfAbsent(epochMicros / 1_000_000, any -> new LongAdder()).increment();
    }

    NavigableMap<Long, Long> acceptedPerSecond() {
        return snapshot(accepted);
    }

    NavigableMap<Long, Long> completedPerSecond() {
        return snapshot(completed);
    }

    long acceptedBetween(long fromEpochMicros, long toEpochMicros) {
        return sum(accepted, fromEpochMicros, toEpochMicros);
    }

    long completedBetween(long fromEpochMicros, long toEpochMicros) {
        return sum(completed, fromEpochMicros, toEpochMicros);
    }

    /** Whole seconds from the one holding {@code from} up to, not including, the one holding {@code to}. */
    private static long sum(Map<Long, LongAdder> counts, long fromEpochMicros, long toEpochMicros) {
        long total = 0;
        for (long second = fromEpochMicros / 1_000_000; second < toEpochMicros / 1_000_000; second++) {
            LongAdder count = counts.get(second);
            total += count == null ? 0 : count.sum();
        }
        return total;
    }

    private static NavigableMap<Long, Long> snapshot(Map<Long, LongAdder> counts) {
        NavigableMap<Long, Long> copy = new TreeMap<>();
        counts.forEach((second, count) -> copy.put(second, count.sum()));
        return copy;
    }
}
