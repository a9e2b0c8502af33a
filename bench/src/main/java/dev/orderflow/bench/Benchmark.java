package dev.orderflow.bench;

import dev.orderflow.bench.BenchSettings.CeilingSettings;
import dev.orderflow.bench.BenchSettings.Load;
import dev.orderflow.bench.BenchSettings.Target;
import dev.orderflow.bench.InvariantCheck.Verdict;
import dev.orderflow.bench.OrderLedger.AcceptedOrder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Drives the running system through its gateway, measures what it does and what its parts do alone, checks that
 * it did it right, and writes {@code report.md} with two charts. {@code ./bench.sh} at the repository root starts
 * an empty system and runs this against it.
 */
@Command(name = "bench", sortOptions = false, usageHelpWidth = 110,
        description = {
                "Benchmarks a running orderflow through its gateway: a warm-up, fixed offered rates (open loop), a search",
                "for the maximum (closed loop) and an overload at twice it; latency from the events, the parts' ceilings",
                "in the same run, the contract's invariants at the end. Writes <report-dir>/report.md and two PNG charts.",
                "Exit status: 0 all invariants hold, 1 an invariant failed or the run could not finish, 2 usage error."})
public final class Benchmark implements Callable<Integer> {

    /** Where the warm-up's ramp starts, in orders/s. */
    static final int WARM_UP_START_RATE = 10;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;

    @Option(names = "--quick", description = "a short run to try it out: the defaults below in [brackets]")
    private boolean quick;

    @Option(names = "--gateway-url", defaultValue = "http://127.0.0.1:8080", description = "the system's gateway (default: ${DEFAULT-VALUE})")
    private String gatewayUrl;

    @Option(names = "--auth-server-url", defaultValue = "http://localhost:9000",
            description = "the auth server the gateway trusts; the load-test client's token comes from there, its secret from LOAD_TEST_SECRET (default: ${DEFAULT-VALUE})")
    private String authServerUrl;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "the system's Kafka (default: ${DEFAULT-VALUE})")
    private String bootstrapServers;

    @Option(names = "--db-host", defaultValue = "${env:PGHOST:-127.0.0.1}", description = "PostgreSQL host (default: PGHOST or 127.0.0.1)")
    private String dbHost;

    @Option(names = "--db-port", defaultValue = "${env:PGPORT:-5432}", description = "PostgreSQL port (default: PGPORT or 5432)")
    private int dbPort;

    @Option(names = "--db-user", defaultValue = "${env:PGUSER:-postgres}", description = "PostgreSQL user (default: PGUSER or postgres); the password is PGPASSWORD")
    private String dbUser;

    @Option(names = "--db-prefix", defaultValue = "", description = "prefix of the services' databases, as ORDERFLOW_DB_PREFIX of run-local.sh (default: none)")
    private String dbPrefix;

    @Option(names = "--project-dir", defaultValue = ".", description = "the repository: the gateway jar and Kafka's tools for the ceilings (default: ${DEFAULT-VALUE})")
    private Path projectDir;

    @Option(names = "--report-dir", defaultValue = "target/bench", description = "where report.md, the charts and the tools' logs go (default: ${DEFAULT-VALUE})")
    private Path reportDir;

    @Option(names = "--warm-up", converter = DurationConverter.class, description = "warm-up length (default: 180s [10s]); on 2 cores the JIT of five JVMs needs minutes")
    private Duration warmUp;

    @Option(names = "--warm-up-rate", description = "orders/s the warm-up rises to, evenly from 10/s (default: 150 [100])")
    private Integer warmUpRate;

    @Option(names = "--rates", split = ",", description = "offered orders/s of the open loop (default: 100,200,300 [100,300])")
    private List<Integer> rates;

    @Option(names = "--duration", converter = DurationConverter.class, description = "length of each offered rate (default: 30s [10s])")
    private Duration rateDuration;

    @Option(names = "--workers", split = ",", description = "closed-loop steps: concurrent clients (default: 4,8,16,32 [4,16,64])")
    private List<Integer> workers;

    @Option(names = "--step", converter = DurationConverter.class, description = "length of each closed-loop step (default: 15s [5s])")
    private Duration step;

    @Option(names = "--overload", converter = DurationConverter.class, description = "how long twice the maximum is offered (default: 60s [10s])")
    private Duration overload;

    @Option(names = "--max-in-flight", defaultValue = "1024", description = "order requests waiting for an answer at most (default: ${DEFAULT-VALUE})")
    private int maxInFlight;

    @Option(names = "--drain-timeout", converter = DurationConverter.class, description = "longest wait for a phase's orders to be final (default: 5m [2m])")
    private Duration drainTimeout;

    @Option(names = "--skus", defaultValue = "10", description = "SKUs ordered (default: ${DEFAULT-VALUE})")
    private int skus;

    @Option(names = "--hot-skus", defaultValue = "2", description = "how many of them are hot (default: ${DEFAULT-VALUE})")
    private int hotSkus;

    @Option(names = "--hot-share", defaultValue = "0.5", description = "share of order lines that name a hot SKU (default: ${DEFAULT-VALUE})")
    private double hotShare;

    @Option(names = "--lines", defaultValue = "1-3", converter = IntRangeConverter.class, description = "lines per order (default: ${DEFAULT-VALUE})")
    private IntRange lines;

    @Option(names = "--units", defaultValue = "1-3", converter = IntRangeConverter.class, description = "units per line (default: ${DEFAULT-VALUE})")
    private IntRange units;

    @Option(names = "--cancel-share", defaultValue = "0.1", description = "share of accepted orders cancelled 0-200 ms after their 202 (default: ${DEFAULT-VALUE})")
    private double cancelShare;

    @Option(names = "--reject-share", defaultValue = "0.05", description = "share of orders that also ask for a sold-out SKU, so are rejected (default: ${DEFAULT-VALUE})")
    private double rejectShare;

    @Option(names = "--kafka-records", description = "records for Kafka's producer performance tool (default: 3000000 [500000])")
    private Long kafkaRecords;

    @Option(names = "--pgbench", converter = DurationConverter.class, description = "pgbench length (default: 15s [5s])")
    private Duration pgbench;

    @Option(names = "--gateway-warm-up", converter = DurationConverter.class, description = "the lone gateway's warm-up before it is measured (default: 30s [5s])")
    private Duration gatewayWarmUp;

    @Option(names = "--gateway-ceiling", converter = DurationConverter.class, description = "how long the lone gateway is measured (default: 15s [5s])")
    private Duration gatewayCeiling;

    @Option(names = "--gateway-workers", defaultValue = "32", description = "closed-loop clients against the lone gateway (default: ${DEFAULT-VALUE})")
    private int gatewayWorkers;

    public static void main(String[] arguments) {
        // Charts are drawn without a display.
        System.setProperty("java.awt.headless", "true");
        CommandLine commandLine = new CommandLine(new Benchmark());
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            System.err.println("bench: " + failure);
            return 1;
        });
        System.exit(commandLine.execute(arguments));
    }

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = settings(Long.toString(System.currentTimeMillis(), 36));
        Files.createDirectories(settings.reportDir());
        ExecutorService callbacks = Executors.newFixedThreadPool(4, daemonThreads("bench-http"));
        ScheduledExecutorService cancelTimer = Executors.newSingleThreadScheduledExecutor(daemonThreads("bench-cancel"));
        try {
            String secret = System.getenv().getOrDefault("LOAD_TEST_SECRET", "load-test-secret");
            String accessToken = AccessToken.fetch(settings.target().authServerUrl(), "load-test", secret);
            BenchResult result = new Run(settings, accessToken, callbacks, cancelTimer).execute();
            Path report = settings.reportDir().resolve(BenchReport.FILE);
            Files.writeString(report, BenchReport.render(result), StandardCharsets.UTF_8);
            result.invariants().forEach(verdict -> Progress.say((verdict.passed() ? "PASS " : "FAIL ")
                    + verdict.invariant() + ": " + verdict.detail()));
            Progress.say("report: " + report.toAbsolutePath().normalize() + (result.passed() ? "" : " (an invariant FAILED)"));
            return result.passed() ? 0 : 1;
        } finally {
            callbacks.shutdownNow();
            cancelTimer.shutdownNow();
        }
    }

    private BenchSettings settings(String runId) {
        Target target = new Target(gatewayUrl, authServerUrl, bootstrapServers, dbHost, dbPort, dbUser, System.getenv("PGPASSWORD"), dbPrefix);
        Load load = new Load(
                or(warmUpRate, 150, 100), or(warmUp, Duration.ofSeconds(180), Duration.ofSeconds(10)),
                or(rates, List.of(100, 200, 300), List.of(100, 300)), or(rateDuration, Duration.ofSeconds(30), Duration.ofSeconds(10)),
                or(workers, List.of(4, 8, 16, 32), List.of(4, 16, 64)), or(step, Duration.ofSeconds(15), Duration.ofSeconds(5)),
                or(overload, Duration.ofSeconds(60), Duration.ofSeconds(10)), maxInFlight,
                or(drainTimeout, Duration.ofMinutes(5), Duration.ofMinutes(2)));
        OrderMix mix = new OrderMix(runId, skus, hotSkus, hotShare, lines, units, cancelShare, rejectShare);
        CeilingSettings ceilings = new CeilingSettings(or(kafkaRecords, 3_000_000L, 500_000L),
                or(pgbench, Duration.ofSeconds(15), Duration.ofSeconds(5)),
                or(gatewayWarmUp, Duration.ofSeconds(30), Duration.ofSeconds(5)),
                or(gatewayCeiling, Duration.ofSeconds(15), Duration.ofSeconds(5)), gatewayWorkers);
        return new BenchSettings(target, load, mix, ceilings, projectDir, reportDir);
    }

    private <T> T or(T given, T full, T short_) {
        return given != null ? given : quick ? short_ : full;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }

    static final class IntRangeConverter implements CommandLine.ITypeConverter<IntRange> {
        @Override
        public IntRange convert(String value) {
            return IntRange.parse(value);
        }
    }

    /** One run, phase after phase, against one system. */
    private static final class Run {

        private final BenchSettings settings;
        private final ExecutorService callbacks;
        private final BenchClock clock = new BenchClock();
        private final OrderLedger ledger = new OrderLedger();
        private final Timeline timeline = new Timeline();
        private final List<Phase> phases = new ArrayList<>();
        private final GatewayClient gateway;
        private final String accessToken;
        private final ScheduledExecutorService cancelTimer;

        Run(BenchSettings settings, String accessToken, ExecutorService callbacks, ScheduledExecutorService cancelTimer) {
            this.settings = settings;
            this.accessToken = accessToken;
            this.callbacks = callbacks;
            this.cancelTimer = cancelTimer;
            this.gateway = new GatewayClient(settings.target().gatewayUrl(), accessToken, callbacks);
        }

        BenchResult execute() throws Exception {
            Instant startedAt = Instant.now();
            Target target = settings.target();
            Load load = settings.load();
            OrderMix mix = settings.mix();
            Progress.say("run " + mix.runId() + " against gateway " + target.gatewayUrl() + ", Kafka " + target.bootstrapServers()
                    + ", databases " + target.ordersDatabase() + ", " + target.inventoryDatabase() + ", " + target.notificationsDatabase());
            try (KafkaChecks kafka = new KafkaChecks(target.bootstrapServers());
                    EventLatencyTracker tracker = new EventLatencyTracker(target.bootstrapServers(), mix.customerPrefix(), timeline)) {
                long deadLettersBefore = kafka.deadLetterRecords();
                setStock(mix.initialStock());
                tracker.start();
                OrderTraffic traffic = new OrderTraffic(gateway, mix, clock, ledger, timeline, cancelTimer);
                OpenLoopLoad openLoop = new OpenLoopLoad(traffic, clock, load.maxInFlight());
                Backlog backlog = new Backlog(ledger, tracker, traffic);
                long loadStart = clock.nowEpochMicros();

                Phase warmUp = Phase.warmUp(load.warmUpRate());
                offer(warmUp, load.warmUp(), openLoop, backlog, tracker);
                List<Phase> rates = new ArrayList<>();
                for (int rate : load.rates()) {
                    rates.add(offer(Phase.openLoop(rate), load.rateDuration(), openLoop, backlog, tracker));
                }
                Progress.say("closed loop: " + load.closedLoopWorkers() + " workers, " + Durations.format(load.closedLoopStep()) + " each");
                ClosedLoopSearch.Result closedLoop = new ClosedLoopSearch(traffic, new ClosedLoop(callbacks), clock, timeline, backlog)
                        .run(load.closedLoopWorkers(), load.closedLoopStep(), load.drainTimeout(), phases);
                Progress.say(String.format("maximum: %.0f orders/s sustained, %.0f/s accepted at most",
                        closedLoop.sustainedMaximum(), closedLoop.rawMaximum()));
                // With no step keeping pace the raw figure is the best there is to double.
                double maximum = closedLoop.sustainedMaximum() > 0 ? closedLoop.sustainedMaximum() : closedLoop.rawMaximum();
                Phase overload = Phase.overload((int) Math.max(2, Math.round(2 * maximum)));
                Optional<Duration> overloadDrain = offerOverload(overload, openLoop, backlog, tracker);

                Progress.say("waiting for every consumer group to reach the end of its topic");
                boolean caughtUp = kafka.awaitConsumersCaughtUp(load.drainTimeout());
                if (!caughtUp) {
                    Progress.say("the consumer groups had not caught up after " + Durations.format(load.drainTimeout()) + "; checking anyway");
                }
                Map<UUID, List<SeenEvent>> events = tracker.stop();
                Progress.say("reading the three databases once and checking the invariants");
                SystemSnapshot snapshot = SystemSnapshot.read(target, mix);
                List<Verdict> verdicts = InvariantCheck.check(ledger.all(), snapshot, mix.initialStock(), events,
                        kafka.deadLetterRecords() - deadLettersBefore);

                BenchResult.Cancels cancels = new BenchResult.Cancels(traffic.cancelsSent(), traffic.cancelsFailed());
                Ceilings ceilings = Ceilings.measure(settings, accessToken, kafka, callbacks);

                List<PhaseResult> rateResults = rates.stream().map(phase -> result(phase, events, snapshot)).toList();
                PhaseResult overloadResult = result(overload, events, snapshot);
                List<PhaseResult> chartPoints = new ArrayList<>(rateResults);
                chartPoints.add(overloadResult);
                Charts.latencyVsRate(chartPoints, settings.reportDir().resolve(Charts.LATENCY_VS_RATE));
                Charts.throughputOverTime(timeline, phases, loadStart, settings.reportDir().resolve(Charts.THROUGHPUT_OVER_TIME));
                return new BenchResult(mix.runId(), startedAt, Duration.between(startedAt, Instant.now()), ledger.size(),
                        settings, MachineInfo.describe(), result(warmUp, events, snapshot), rateResults, closedLoop,
                        new BenchResult.Overload(overloadResult, overloadDrain, load.drainTimeout()), ceilings, cancels,
                        verdicts);
            }
        }

        private void setStock(Map<String, Integer> stock) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            stock.forEach((sku, available) -> answers.add(gateway.setStock(sku, available)));
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.join();
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("PUT " + response.uri() + " answered " + response.statusCode() + ": " + response.body());
                }
            }
            Progress.say("stock set for " + stock.size() + " SKUs (" + settings.mix().skuPrefix() + "*)");
        }

        private Phase offer(Phase phase, Duration duration, OpenLoopLoad openLoop, Backlog backlog, EventLatencyTracker tracker) {
            phases.add(phase);
            Progress.say(phase.name() + (phase.kind() == Phase.Kind.WARM_UP
                    ? " rising from " + Math.min(WARM_UP_START_RATE, phase.offeredRate()) + " to " + phase.offeredRate() + "/s" : "")
                    + " for " + Durations.format(duration));
            openLoop.run(phase, phase.kind() == Phase.Kind.WARM_UP
                    ? OpenLoopSchedule.ramp(WARM_UP_START_RATE, phase.offeredRate(), duration)
                    : new OpenLoopSchedule(phase.offeredRate(), duration));
            Optional<Duration> drain = backlog.awaitDrained(phase, openLoop::inFlight, settings.load().drainTimeout());
            Progress.say(String.format("%s: accepted %.0f/s (not sent %d, refused %d, errors %d), placed→decided p99 %s ms, %s",
                    phase.name(), phase.acceptedPerSecond(), phase.notSentCount(), phase.refusedCount(), phase.errorCount(),
                    BenchReport.millis(decidedLatency(phase, tracker).p99()),
                    drain.map(took -> "drained " + Durations.format(took) + " after the offer").orElse("NOT drained")));
            return phase;
        }

        private Optional<Duration> offerOverload(Phase overload, OpenLoopLoad openLoop, Backlog backlog, EventLatencyTracker tracker) {
            phases.add(overload);
            Progress.say(overload.name() + " (twice the maximum) for " + Durations.format(settings.load().overload()));
            openLoop.run(overload, new OpenLoopSchedule(overload.offeredRate(), settings.load().overload()));
            Optional<Duration> drain = backlog.awaitDrained(overload, openLoop::inFlight, settings.load().drainTimeout());
            Progress.say(String.format("%s: accepted %,d (%.0f/s; not sent %d, refused %d, errors %d), backlog %s, placed→decided p99 %s ms",
                    overload.name(), overload.acceptedCount(), overload.acceptedPerSecond(), overload.notSentCount(),
                    overload.refusedCount(), overload.errorCount(),
                    drain.map(took -> "drained " + Durations.format(took) + " after the offer stopped").orElse("NOT drained"),
                    BenchReport.millis(decidedLatency(overload, tracker).p99())));
            return drain;
        }

        /** For the progress line; the report's figures come from the full join at the end. */
        private LatencySummary decidedLatency(Phase phase, EventLatencyTracker tracker) {
            Histogram decided = LatencySummary.newHistogram();
            for (AcceptedOrder order : ledger.of(phase)) {
                Long at = tracker.decidedAt(order.orderId());
                if (at != null) {
                    LatencySummary.record(decided, at - order.intendedEpochMicros());
                }
            }
            return LatencySummary.of(decided);
        }

        private PhaseResult result(Phase phase, Map<UUID, List<SeenEvent>> events, SystemSnapshot snapshot) {
            return PhaseResult.of(phase, ledger.of(phase), events, snapshot);
        }
    }
}
