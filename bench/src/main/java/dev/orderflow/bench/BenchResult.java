package dev.orderflow.bench;

import dev.orderflow.bench.InvariantCheck.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Everything the report says, gathered once the run is over. */
record BenchResult(
        String runId,
        Instant startedAt,
        Duration took,
        long acceptedOrders,
        BenchSettings settings,
        MachineInfo machine,
        PhaseResult warmUp,
        List<PhaseResult> openLoop,
        ClosedLoopSearch.Result closedLoop,
        Overload overload,
        Ceilings ceilings,
        Cancels cancels,
        List<Verdict> invariants) {

    /** {@code failed}: answered other than 202 or 409 (already REJECTED), or not at all. */
    record Cancels(long sent, long failed) {
    }

    /** The overload phase; {@code drain} is empty when the backlog had not drained within the timeout. */
    record Overload(PhaseResult phase, Optional<Duration> drain, Duration drainTimeout) {
    }

    boolean passed() {
        return invariants.stream().allMatch(Verdict::passed);
    }
}
