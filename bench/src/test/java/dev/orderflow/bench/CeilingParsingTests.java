package dev.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CeilingParsingTests {

    @Test
    void readsTheClosingLineOfKafkasProducerPerformanceTool() {
        String output = """
                95234 records sent, 19046.8 records/sec (4.65 MB/sec), 1200.7 ms avg latency, 1808.0 ms max latency.
                500000 records sent, 180375.180375 records/sec (44.04 MB/sec), 52.48 ms avg latency, 311.00 ms max latency, 41 ms 50th, 156 ms 95th, 208 ms 99th, 294 ms 99.9th.
                """;

        assertThat(KafkaProducerCeiling.parse(output))
                .contains(new KafkaProducerCeiling.Summary(500_000, 180375.180375, 208));
        assertThat(KafkaProducerCeiling.parse("no summary")).isEmpty();
    }

    @Test
    void readsPgbenchsTransactionsPerSecond() {
        String output = """
                number of transactions actually processed: 148123
                latency average = 0.810 ms
                initial connection time = 12.345 ms
                tps = 9874.866667 (without initial connection time)
                """;

        assertThat(PostgresCommitCeiling.parse(output)).contains(new PostgresCommitCeiling.Summary(9874.866667, 0.810));
        assertThat(PostgresCommitCeiling.parse("connection refused")).isEmpty();
    }

    @Test
    void comparesTheSystemWithTheLowestMeasuredCeiling() {
        Ceilings ceilings = new Ceilings(List.of(
                new Ceiling("Kafka producer", "", 200_000, "records/s", ""),
                new Ceiling("PostgreSQL commits", "", 10_000, "transactions/s", ""),
                Ceiling.failed("Gateway proxying", "", "did not start")));

        assertThat(ceilings.lowest()).map(Ceiling::part).contains("PostgreSQL commits");
        assertThat(ceilings.ratio(500)).contains(0.05);
        assertThat(new Ceilings(List.of(Ceiling.failed("x", "", "down"))).ratio(500)).isEqualTo(Optional.empty());
    }
}
