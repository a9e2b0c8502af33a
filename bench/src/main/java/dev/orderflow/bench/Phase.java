package dev.orderflow.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One stretch of load and what the HTTP side saw of it. The orders it placed are in the {@link OrderLedger}; what
 * became of them comes from the events and the databases afterwards.
 */
final class Phase {

    enum Kind { WARM_UP, OPEN_LOOP, CLOSED_LOOP, OVERLOAD }

    private final String name;
    private final Kind kind;
    /** Orders per second offered, for an open loop; 0 for a closed loop, where the system sets the pace. */
    private final int offeredRate;
    private final int workers;
    private final LongAdder sent = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder notSent = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final Histogram acceptLatency = new ConcurrentHistogram(LatencySummary.HIGHEST_MICROS, 3);
    private volatile long startEpochMicros;
    private volatile long endEpochMicros;

    private Phase(String name, Kind kind, int offeredRate, int workers) {
        this.name = name;
        this.kind = kind;
        this.offeredRate = offeredRate;
        this.workers = workers;
    }

    static Phase warmUp(int rate) {
        return new Phase("warm-up", Kind.WARM_UP, rate, 0);
    }

    static Phase openLoop(int rate) {
        return new Phase("rate " + rate + "/s", Kind.OPEN_LOOP, rate, 0);
    }

    static Phase closedLoop(int workers) {
        return new Phase("closed loop, " + workers + " workers", Kind.CLOSED_LOOP, 0, workers);
    }

    static Phase overload(int rate) {
        return new Phase("overload " + rate + "/s", Kind.OVERLOAD, rate, 0);
    }

    void started(long epochMicros) {
        startEpochMicros = epochMicros;
    }

    void ended(long epochMicros) {
        endEpochMicros = epochMicros;
    }

    void sent() {
        sent.increment();
    }

    void accepted(long latencyMicros) {
        accepted.increment();
        LatencySummary.record(acceptLatency, latencyMicros);
    }

    /** Answered, but not with 202. */
    void refused() {
        refused.increment();
    }

    void failed() {
        errors.increment();
    }

    /** An intended send that the in-flight bound stopped: the system was too far behind to take it. */
    void notSent() {
        notSent.increment();
    }

    String name() {
        return name;
    }

    /** For a chart's phase marks, which stand close together. */
    String shortName() {
        return switch (kind) {
            case WARM_UP -> "warm-up";
            case OPEN_LOOP -> offeredRate + "/s";
            case CLOSED_LOOP -> workers + "w";
            case OVERLOAD -> "overload";
        };
    }

    Kind kind() {
        return kind;
    }

    int offeredRate() {
        return offeredRate;
    }

    int workers() {
        return workers;
    }

    long sentCount() {
        return sent.sum();
    }

    long acceptedCount() {
        return accepted.sum();
    }

    long notSentCount() {
        return notSent.sum();
    }

    long errorCount() {
        return errors.sum();
    }

    long refusedCount() {
        return refused.sum();
    }

    /** From the intended send time to the gateway's 202. */
    LatencySummary acceptLatency() {
        return LatencySummary.of(acceptLatency);
    }

    long startEpochMicros() {
        return startEpochMicros;
    }

    long endEpochMicros() {
        return endEpochMicros;
    }

    double seconds() {
        return (endEpochMicros - startEpochMicros) / 1e6;
    }

    double acceptedPerSecond() {
        double seconds = seconds();
        return seconds > 0 ? acceptedCount() / seconds : 0;
    }
}
