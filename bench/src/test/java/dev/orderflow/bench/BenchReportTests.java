package dev.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.bench.BenchSettings.CeilingSettings;
import dev.orderflow.bench.BenchSettings.Load;
import dev.orderflow.bench.BenchSettings.Target;
import dev.orderflow.bench.InvariantCheck.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchReportTests {

    private static final LatencySummary FAST = new LatencySummary(1000, 12.3, 25, 41.7, 180);
    private static final LatencySummary SLOW = new LatencySummary(1000, 1500, 4200, 6100, 7300);

    @Test
    void showsOneRowPerOfferedRateWithItsPercentiles() {
        String report = BenchReport.render(result(true));

        assertThat(report).contains("| 300 | 299 | 0 | 0 | 0 | 15787 | 897 | 1256 | 12.3 | 25.0 | 41.7 | 180 | 12.3 | 25.0 | 41.7 | 180 |");
        assertThat(report).contains("![placed → decided latency percentiles vs offered rate](latency-vs-rate.png)");
        assertThat(report).contains("![accepted/s and completed/s per second](throughput-over-time.png)");
    }

    @Test
    void statesTheMaximumTheOverloadAndTheRatioToTheLowestCeiling() {
        String report = BenchReport.render(result(true));

        assertThat(report).contains("Maximum: **700 orders/s sustained**", "the gateway accepted at most 900/s");
        assertThat(report).contains("| offered | 1400 orders/s for 60 s |", "| backlog drained | 42 s after the offer stopped |",
                "| placed → decided, backlog included | p50 1,500 ms, p95 4,200 ms, p99 6,100 ms, max 7,300 ms |");
        assertThat(report).contains("The system's sustained 700 orders/s is **7.0 %** of the lowest ceiling, PostgreSQL commits"
                + " (10,000 transactions/s).");
        assertThat(report).contains("| Gateway proxying | lone gateway | – | not measured: it did not start |");
    }

    @Test
    void marksEveryInvariantAndTheRunAsAWhole() {
        assertThat(BenchReport.render(result(true))).contains("Invariants: **PASS**", "| no dead letters | PASS | 0 new records |");
        assertThat(BenchReport.render(result(false))).contains("Invariants: **FAIL**", "| no dead letters | **FAIL** | 3 new records |");
    }

    @Test
    void saysWhetherEveryCancelGotAContractAnswer() {
        assertThat(BenchReport.render(result(true))).contains("Cancels: 1,200 sent, each answered 202 (cancelled) or 409 (already rejected).");
        assertThat(BenchReport.render(result(false))).contains("Cancels: 1,200 sent, **4 answered otherwise or not at all**.");
    }

    @Test
    void namesTheRawFigureWhenNoStepKeptPace() {
        BenchResult result = result(true);
        BenchResult behind = new BenchResult(result.runId(), result.startedAt(), result.took(), result.acceptedOrders(),
                result.settings(), result.machine(), result.warmUp(), result.openLoop(),
                new ClosedLoopSearch.Result(List.of(new ClosedLoopSearch.Step(4, 200, 80, FAST, false))),
                result.overload(), result.ceilings(), result.cancels(), result.invariants());

        assertThat(BenchReport.render(behind)).contains("Maximum: **0 orders/s sustained**",
                "The system's raw (no closed-loop step kept pace) 200 orders/s is **2.0 %** of the lowest ceiling");
    }

    @Test
    void saysWhenTheBacklogDidNotDrain() {
        BenchResult drained = result(true);
        BenchResult stuck = new BenchResult(drained.runId(), drained.startedAt(), drained.took(), drained.acceptedOrders(),
                drained.settings(), drained.machine(), drained.warmUp(), drained.openLoop(), drained.closedLoop(),
                new BenchResult.Overload(drained.overload().phase(), Optional.empty(), Duration.ofMinutes(5)),
                drained.ceilings(), drained.cancels(), drained.invariants());

        assertThat(BenchReport.render(stuck)).contains("| backlog drained | **not within 5 min** |");
    }

    private static BenchResult result(boolean passed) {
        OrderMix mix = new OrderMix("r1", 10, 2, 0.5, new IntRange(1, 3), new IntRange(1, 3), 0.1, 0.05);
        BenchSettings settings = new BenchSettings(
                new Target("http://127.0.0.1:8080", "http://localhost:9000", "127.0.0.1:9092", "127.0.0.1", 5432, "postgres", null, "bench_"),
                new Load(300, Duration.ofSeconds(60), List.of(100, 300), Duration.ofSeconds(60), List.of(4, 16),
                        Duration.ofSeconds(20), Duration.ofSeconds(60), 1024, Duration.ofMinutes(5)),
                mix, new CeilingSettings(3_000_000, Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(15), 32),
                Path.of("."), Path.of("target/bench"));
        PhaseResult rate100 = phase("rate 100/s", 100, 6000, FAST);
        PhaseResult rate300 = phase("rate 300/s", 300, 17940, FAST);
        PhaseResult overload = phase("overload 1400/s", 1400, 60000, SLOW);
        return new BenchResult("r1", Instant.parse("2026-11-26T12:00:00Z"), Duration.ofMinutes(14), 123_456, settings,
                new MachineInfo(2, "Some CPU", "23.4 GiB", "Debian", "OpenJDK 17", "openjdk version \"17\""),
                phase("warm-up", 300, 18000, FAST), List.of(rate100, rate300),
                new ClosedLoopSearch.Result(List.of(
                        new ClosedLoopSearch.Step(4, 700, 690, FAST, true),
                        new ClosedLoopSearch.Step(16, 900, 600, FAST, false))),
                new BenchResult.Overload(overload, Optional.of(Duration.ofSeconds(42)), Duration.ofMinutes(5)),
                new Ceilings(List.of(
                        new Ceiling("Kafka producer", "perf tool", 200_000, "records/s", "p99 30 ms"),
                        new Ceiling("PostgreSQL commits", "pgbench", 10_000, "transactions/s", "latency average 0.8 ms"),
                        Ceiling.failed("Gateway proxying", "lone gateway", "it did not start"))),
                new BenchResult.Cancels(1200, passed ? 0 : 4),
                List.of(new Verdict("no dead letters", passed, (passed ? 0 : 3) + " new records")));
    }

    private static PhaseResult phase(String name, int rate, long accepted, LatencySummary latency) {
        long confirmed = accepted * 88 / 100;
        long rejected = accepted * 5 / 100;
        return new PhaseResult(name, rate, 60, accepted, accepted, 0, 0, 0, confirmed, rejected,
                accepted - confirmed - rejected, latency, latency, latency);
    }
}
