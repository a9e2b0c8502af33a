package dev.orderflow.bench;

import dev.orderflow.bench.BenchResult.Overload;
import dev.orderflow.bench.BenchSettings.Load;
import dev.orderflow.bench.InvariantCheck.Verdict;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The run as Markdown: machine, settings, a table per kind of load, the ceilings and the invariants. */
final class BenchReport {

    static final String FILE = "report.md";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private BenchReport() {
    }

    static String render(BenchResult result) {
        StringBuilder report = new StringBuilder();
        line(report, "# orderflow benchmark");
        line(report, "");
        line(report, "Run `%s`, started %s, took %s; %,d orders accepted. Invariants: **%s**.", result.runId(),
                WHEN.format(result.startedAt()), Durations.format(result.took()), result.acceptedOrders(),
                result.passed() ? "PASS" : "FAIL");
        line(report, "");
        line(report, "Latencies run from the moment the POST was *due* by the schedule, not from when it was sent, so time a");
        line(report, "request spent waiting for a stalled system counts. *placed → decided* ends at the `occurredAt` of the");
        line(report, "order's `OrderConfirmed` or `OrderRejected` on `order-events`; *placed → notified* at the `created_at` of the");
        line(report, "customer's notification of that event. Orders cancelled before their stock was decided have neither.");
        machine(report, result.machine());
        settings(report, result);
        openLoop(report, result.openLoop());
        closedLoop(report, result.closedLoop());
        overload(report, result.overload());
        line(report, "");
        line(report, "## Throughput over time");
        line(report, "");
        line(report, "![accepted/s and completed/s per second](%s)", Charts.THROUGHPUT_OVER_TIME);
        ceilings(report, result);
        invariants(report, result.invariants());
        line(report, "");
        line(report, "Cancels: %,d sent, %s.", result.cancels().sent(), result.cancels().failed() == 0
                ? "each answered 202 (cancelled) or 409 (already rejected)"
                : String.format(Locale.ROOT, "**%,d answered otherwise or not at all**", result.cancels().failed()));
        return report.toString();
    }

    private static void machine(StringBuilder report, MachineInfo machine) {
        line(report, "");
        line(report, "## Machine");
        line(report, "");
        line(report, "| | |");
        line(report, "| --- | --- |");
        line(report, "| cores | %d |", machine.cores());
        line(report, "| CPU | %s |", machine.cpu());
        line(report, "| memory | %s |", machine.memory());
        line(report, "| OS | %s |", machine.os());
        line(report, "| JVM of the benchmark | %s |", machine.benchJvm());
        line(report, "| JVM of the services | %s |", machine.servicesJvm());
    }

    private static void settings(StringBuilder report, BenchResult result) {
        BenchSettings settings = result.settings();
        Load load = settings.load();
        OrderMix mix = settings.mix();
        line(report, "");
        line(report, "## Settings");
        line(report, "");
        line(report, "- system: gateway %s, Kafka %s, databases `%s`, `%s`, `%s`", settings.target().gatewayUrl(),
                settings.target().bootstrapServers(), settings.target().ordersDatabase(),
                settings.target().inventoryDatabase(), settings.target().notificationsDatabase());
        line(report, "- mix: %d SKUs, %d of them hot (%s of lines); %s lines of %s units per order; %s of orders cancelled"
                        + " 0-%d ms after their 202; %s also ask for a sold-out SKU and are rejected",
                mix.skus(), mix.hotSkus(), percent(mix.hotShare()), mix.lines(), mix.units(), percent(mix.cancelShare()),
                OrderMix.MAX_CANCEL_DELAY_MILLIS, percent(mix.rejectShare()));
        line(report, "- warm-up: rising evenly from %d to %d/s over %s", Math.min(Benchmark.WARM_UP_START_RATE, load.warmUpRate()),
                load.warmUpRate(), Durations.format(load.warmUp()));
        line(report, "- open loop: %s orders/s, %s each", load.rates().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                Durations.format(load.rateDuration()));
        line(report, "- closed loop: %s workers, %s each", load.closedLoopWorkers().stream().map(String::valueOf)
                .collect(Collectors.joining(", ")), Durations.format(load.closedLoopStep()));
        line(report, "- overload: twice the sustained maximum for %s", Durations.format(load.overload()));
        line(report, "- at most %d order requests waiting for an answer; a send due beyond that is counted as not sent",
                load.maxInFlight());
        line(report, "- after each phase the benchmark waits (up to %s) until its orders are final, so phases do not overlap",
                Durations.format(load.drainTimeout()));
    }

    private static void openLoop(StringBuilder report, List<PhaseResult> phases) {
        line(report, "");
        line(report, "## Open loop: fixed offered rates");
        line(report, "");
        line(report, "| offered/s | accepted/s | not sent | refused | errors | confirmed | rejected | cancelled "
                + "| decided p50 | decided p95 | decided p99 | decided max "
                + "| notified p50 | notified p95 | notified p99 | notified max |");
        line(report, "| ---: ".repeat(16) + "|");
        for (PhaseResult phase : phases) {
            line(report, "| %d | %.0f | %d | %d | %d | %d | %d | %d | %s | %s |", phase.offeredRate(), phase.acceptedPerSecond(),
                    phase.notSent(), phase.refused(), phase.errors(), phase.confirmed(), phase.rejected(),
                    phase.cancelled(), latencies(phase.decided()), latencies(phase.notified()));
        }
        line(report, "");
        line(report, "Latencies in ms. *refused*: answers other than 202; *errors*: no answer (timeout, connection).");
        line(report, "");
        line(report, "![placed → decided latency percentiles vs offered rate](%s)", Charts.LATENCY_VS_RATE);
    }

    private static void closedLoop(StringBuilder report, ClosedLoopSearch.Result closedLoop) {
        line(report, "");
        line(report, "## Closed loop: the maximum");
        line(report, "");
        line(report, "| workers | accepted/s | completed/s | keeps pace | 202 p50 ms | 202 p99 ms |");
        line(report, "| ---: | ---: | ---: | :---: | ---: | ---: |");
        for (ClosedLoopSearch.Step step : closedLoop.steps()) {
            line(report, "| %d | %.0f | %.0f | %s | %s | %s |", step.workers(), step.acceptedPerSecond(),
                    step.completedPerSecond(), step.sustained() ? "yes" : "no", millis(step.acceptLatency().p50()),
                    millis(step.acceptLatency().p99()));
        }
        line(report, "");
        line(report, "Maximum: **%.0f orders/s sustained** (completions kept pace, at least %s of acceptances);"
                        + " the gateway accepted at most %.0f/s.", closedLoop.sustainedMaximum(),
                percent(ClosedLoopSearch.KEEPS_PACE), closedLoop.rawMaximum());
    }

    private static void overload(StringBuilder report, Overload overload) {
        PhaseResult phase = overload.phase();
        line(report, "");
        line(report, "## Overload: twice the maximum");
        line(report, "");
        line(report, "| | |");
        line(report, "| --- | --- |");
        line(report, "| offered | %d orders/s for %.0f s |", phase.offeredRate(), phase.seconds());
        line(report, "| accepted | %,d (%.0f/s) |", phase.accepted(), phase.acceptedPerSecond());
        line(report, "| not sent / refused / errors | %d / %d / %d |", phase.notSent(), phase.refused(), phase.errors());
        line(report, "| final status | %d confirmed, %d rejected, %d cancelled |", phase.confirmed(), phase.rejected(),
                phase.cancelled());
        line(report, "| backlog drained | %s |", overload.drain()
                .map(drain -> Durations.format(drain) + " after the offer stopped")
                .orElse("**not within " + Durations.format(overload.drainTimeout()) + "**"));
        line(report, "| placed → decided, backlog included | %s |", percentiles(phase.decided()));
        line(report, "| placed → notified, backlog included | %s |", percentiles(phase.notified()));
    }

    private static void ceilings(StringBuilder report, BenchResult result) {
        Ceilings ceilings = result.ceilings();
        line(report, "");
        line(report, "## Ceilings: the parts alone, same machine, same run");
        line(report, "");
        line(report, "| part | measured | per second | detail |");
        line(report, "| --- | --- | ---: | --- |");
        for (Ceiling ceiling : ceilings.measured()) {
            line(report, "| %s | %s | %s | %s |", ceiling.part(), ceiling.measured(),
                    ceiling.measuredOk() ? String.format(Locale.ROOT, "%,.0f %s", ceiling.perSecond(), ceiling.unit()) : "–",
                    ceiling.detail());
        }
        line(report, "");
        ClosedLoopSearch.Result closedLoop = result.closedLoop();
        boolean sustained = closedLoop.sustainedMaximum() > 0;
        // Without a step that kept pace, the raw figure is all there is; it is named as such.
        double system = sustained ? closedLoop.sustainedMaximum() : closedLoop.rawMaximum();
        String figure = sustained ? "sustained" : "raw (no closed-loop step kept pace)";
        line(report, ceilings.lowest()
                .map(lowest -> String.format(Locale.ROOT, "The system's %s %.0f orders/s is **%.1f %%** of the lowest"
                                + " ceiling, %s (%,.0f %s).", figure, system, 100 * ceilings.ratio(system).orElseThrow(),
                        lowest.part(), lowest.perSecond(), lowest.unit()))
                .orElse("No ceiling could be measured, so there is no ratio."));
    }

    private static void invariants(StringBuilder report, List<Verdict> verdicts) {
        line(report, "");
        line(report, "## Invariants (docs/CONTRACT.md)");
        line(report, "");
        line(report, "| invariant | result | found |");
        line(report, "| --- | :---: | --- |");
        for (Verdict verdict : verdicts) {
            line(report, "| %s | %s | %s |", verdict.invariant(), verdict.passed() ? "PASS" : "**FAIL**", verdict.detail());
        }
    }

    private static String latencies(LatencySummary summary) {
        if (summary.count() == 0) {
            return "– | – | – | –";
        }
        return millis(summary.p50()) + " | " + millis(summary.p95()) + " | " + millis(summary.p99()) + " | "
                + millis(summary.max());
    }

    private static String percentiles(LatencySummary summary) {
        if (summary.count() == 0) {
            return "–";
        }
        return "p50 " + millis(summary.p50()) + " ms, p95 " + millis(summary.p95()) + " ms, p99 " + millis(summary.p99())
                + " ms, max " + millis(summary.max()) + " ms";
    }

    /** Three significant digits at most, as recorded. */
    static String millis(double millis) {
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%,.0f", millis);
        }
        return String.format(Locale.ROOT, millis >= 10 ? "%.1f" : "%.2f", millis);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static void line(StringBuilder report, String format, Object... arguments) {
        report.append(arguments.length == 0 ? format : String.format(Locale.ROOT, format, arguments)).append('\n');
    }
}
