package dev.orderflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the most orders per second the system takes: closed loops of more and more workers. The gateway accepting
 * an order is not the system handling it, so the maximum that counts is the best step at which completions kept
 * pace with acceptances (the backlog did not grow); the raw figure is reported beside it.
 */
final class ClosedLoopSearch {

    /** Completions may trail acceptances by the pipeline's latency, not by more. */
    static final double KEEPS_PACE = 0.95;

    record Step(int workers, double acceptedPerSecond, double completedPerSecond, LatencySummary acceptLatency,
            boolean sustained) {
    }

    record Result(List<Step> steps) {

        double rawMaximum() {
            return steps.stream().mapToDouble(Step::acceptedPerSecond).max().orElse(0);
        }

        /** 0 when no step kept pace. */
        double sustainedMaximum() {
            return steps.stream().filter(Step::sustained).mapToDouble(Step::acceptedPerSecond).max().orElse(0);
        }
    }

    private final OrderTraffic traffic;
    private final ClosedLoop closedLoop;
    private final BenchClock clock;
    private final Timeline timeline;
    private final Backlog backlog;

    ClosedLoopSearch(OrderTraffic traffic, ClosedLoop closedLoop, BenchClock clock, Timeline timeline, Backlog backlog) {
        this.traffic = traffic;
        this.closedLoop = closedLoop;
        this.clock = clock;
        this.timeline = timeline;
        this.backlog = backlog;
    }

    Result run(List<Integer> workerCounts, Duration stepDuration, Duration drainTimeout, List<Phase> phases) {
        List<Step> steps = new ArrayList<>();
        for (int workers : workerCounts) {
            Phase phase = Phase.closedLoop(workers);
            phases.add(phase);
            phase.started(clock.nowEpochMicros());
            closedLoop.run(workers, stepDuration, () -> traffic.place(phase, clock.nanoTime()));
            phase.ended(clock.nowEpochMicros());
            backlog.awaitDrained(phase, () -> 0, drainTimeout);
            Step step = step(phase);
            steps.add(step);
            Progress.say(String.format("closed loop %d workers: accepted %.0f/s, completed %.0f/s%s, p99 of the 202 %.0f ms",
                    workers, step.acceptedPerSecond(), step.completedPerSecond(),
                    step.sustained() ? "" : " (falling behind)", step.acceptLatency().p99()));
        }
        return new Result(List.copyOf(steps));
    }

    private Step step(Phase phase) {
        // Whole seconds inside the step: the partial first and last seconds would understate both rates.
        long from = (phase.startEpochMicros() / 1_000_000 + 1) * 1_000_000;
        long to = phase.endEpochMicros();
        double seconds = Math.max(1, to / 1_000_000 - from / 1_000_000);
        double accepted = timeline.acceptedBetween(from, to) / seconds;
        double completed = timeline.completedBetween(from, to) / seconds;
        return new Step(phase.workers(), phase.acceptedPerSecond(), completed, phase.acceptLatency(),
                keepsPace(accepted, completed));
    }

    static boolean keepsPace(double acceptedPerSecond, double completedPerSecond) {
        return acceptedPerSecond > 0 && completedPerSecond >= KEEPS_PACE * acceptedPerSecond;
    }
}
