package dev.orderflow.bench;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * What the system's parts do alone, measured in the same run on the same machine, broker and database while the
 * system is idle: the system's throughput means little without them.
 */
record Ceilings(List<Ceiling> measured) {

    static Ceilings measure(BenchSettings settings, String accessToken, KafkaChecks kafka, ExecutorService executor) {
        Path reportDir = settings.reportDir();
        Progress.say("ceiling: Kafka's producer performance tool, " + String.format("%,d", settings.ceilings().kafkaRecords()) + " records");
        Ceiling producer = KafkaProducerCeiling.measure(settings.target().bootstrapServers(), settings.ceilings().kafkaRecords(),
                settings.projectDir(), reportDir, kafka);
        say(producer);
        Progress.say("ceiling: pgbench for " + Durations.format(settings.ceilings().pgbench()));
        Ceiling postgres = PostgresCommitCeiling.measure(settings.target(), settings.ceilings().pgbench(), reportDir);
        say(postgres);
        Progress.say("ceiling: a second gateway in front of a trivial endpoint, " + Durations.format(settings.ceilings().gatewayWarmUp())
                + " warm-up + " + Durations.format(settings.ceilings().gateway()));
        Ceiling gateway = GatewayProxyCeiling.measure(settings.ceilings(), settings.projectDir(), settings.target().authServerUrl(),
                accessToken, reportDir, executor);
        say(gateway);
        return new Ceilings(List.of(producer, postgres, gateway));
    }

    /** The part that would stop the system first, were the system as fast as its parts. */
    Optional<Ceiling> lowest() {
        return measured.stream().filter(Ceiling::measuredOk).min(Comparator.comparingDouble(Ceiling::perSecond));
    }

    /** The system's sustained orders per second as a share of the lowest ceiling. */
    Optional<Double> ratio(double systemPerSecond) {
        return lowest().map(ceiling -> systemPerSecond / ceiling.perSecond());
    }

    private static void say(Ceiling ceiling) {
        Progress.say(ceiling.measuredOk()
                ? String.format("ceiling %s: %,.0f %s (%s)", ceiling.part(), ceiling.perSecond(), ceiling.unit(), ceiling.detail())
                : "ceiling " + ceiling.part() + ": " + ceiling.detail());
    }
}
