package dev.orderflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kafka's own producer performance tool against the system's broker: the most records per second it takes. */
final class KafkaProducerCeiling {

    static final String TOPIC = "bench-ceiling";
    private static final String PART = "Kafka producer";
    private static final String MEASURED = "kafka-producer-perf-test, 256-byte records, acks=all, linger.ms=5, 6 partitions";
    /** The tool's closing line: "N records sent, R records/sec (…), … ms avg latency, …, P ms 99th, …". */
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec.*?([\\d.]+) ms 99th");

    record Summary(long records, double recordsPerSecond, double p99Millis) {
    }

    private KafkaProducerCeiling() {
    }

    static Ceiling measure(String bootstrapServers, long records, Path projectDir, Path reportDir, KafkaChecks kafka) {
        try {
            kafka.createTopic(TOPIC, 6);
            Path brokerLib = projectDir.resolve("kafka-broker/target/lib");
            String output = ExternalCommand.run(List.of(ExternalCommand.java(),
                            "-Dlog4j2.configurationFile=" + projectDir.resolve("kafka-broker/config/log4j2.properties"),
                            "-cp", brokerLib + "/*", "org.apache.kafka.tools.ProducerPerformance",
                            "--topic", TOPIC, "--num-records", Long.toString(records), "--record-size", "256",
                            "--throughput", "-1",
                            "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "linger.ms=5"),
                    Map.of(), Duration.ofMinutes(10), reportDir.resolve("ceiling-kafka.log"));
            return parse(output)
                    .map(summary -> new Ceiling(PART, MEASURED, summary.recordsPerSecond(), "records/s",
                            String.format("%,d records, p99 %.0f ms", summary.records(), summary.p99Millis())))
                    .orElse(Ceiling.failed(PART, MEASURED, "no summary line in ceiling-kafka.log"));
        } catch (Exception failure) {
            return Ceiling.failed(PART, MEASURED, failure.getMessage());
        }
    }

    static Optional<Summary> parse(String output) {
        Summary last = null;
        for (String line : output.split("\n")) {
            Matcher matcher = SUMMARY.matcher(line);
            if (matcher.find()) {
                last = new Summary(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                        Double.parseDouble(matcher.group(3)));
            }
        }
        return Optional.ofNullable(last);
    }
}
