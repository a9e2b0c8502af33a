package dev.orderflow.bench;

import dev.orderflow.bench.BenchSettings.Target;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgbench against the system's PostgreSQL, committing what order-service commits for one order (the order, its
 * lines and its outbox row) into copies of its tables in a scratch database.
 */
final class PostgresCommitCeiling {

    static final String DATABASE = "bench_ceiling";
    private static final String PART = "PostgreSQL commits";
    private static final String MEASURED = "pgbench, an order + 2 lines + an outbox row per transaction, 8 clients, prepared";
    private static final Pattern TPS = Pattern.compile("tps = ([\\d.]+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([\\d.]+) ms");

    private static final String SCHEMA = """
            CREATE TABLE orders (
                order_id uuid PRIMARY KEY, customer_id varchar(64) NOT NULL, status varchar(16) NOT NULL,
                created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
            CREATE INDEX ON orders (customer_id, created_at DESC);
            CREATE INDEX ON orders (status, created_at DESC);
            CREATE INDEX ON orders (created_at DESC);
            CREATE TABLE order_lines (
                order_id uuid NOT NULL REFERENCES orders (order_id), line_no integer NOT NULL,
                sku varchar(64) NOT NULL, quantity integer NOT NULL, PRIMARY KEY (order_id, line_no));
            CREATE TABLE outbox_events (
                id bigserial PRIMARY KEY, event_id uuid NOT NULL UNIQUE, aggregate_id uuid NOT NULL,
                topic varchar(249) NOT NULL, event_type varchar(64) NOT NULL, payload text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now());
            """;

    /** About the size of an OrderPlaced event with two lines. */
    private static final String PAYLOAD = "{\"eventId\":\"6f1c2b7e-8d3a-4c5b-9e0f-1a2b3c4d5e6f\","
            + "\"orderId\":\"7f1c2b7e-8d3a-4c5b-9e0f-1a2b3c4d5e6f\",\"sequence\":1,"
            + "\"occurredAt\":\"2026-11-26T12:00:00.123456Z\",\"customerId\":\"bench-customer-42\","
            + "\"items\":[{\"sku\":\"BENCH-SKU-01\",\"quantity\":2},{\"sku\":\"BENCH-SKU-07\",\"quantity\":1}],"
            + "\"padding\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}";

    private static final String TRANSACTION = """
            \\set id random(1, 9000000000000000000)
            \\set customer random(1, 1000)
            BEGIN;
            INSERT INTO orders VALUES (md5(:id::text)::uuid, 'c-' || :customer, 'PENDING', now(), now());
            INSERT INTO order_lines VALUES (md5(:id::text)::uuid, 1, 'BENCH-SKU-01', 2);
            INSERT INTO order_lines VALUES (md5(:id::text)::uuid, 2, 'BENCH-SKU-07', 1);
            INSERT INTO outbox_events (event_id, aggregate_id, topic, event_type, payload)
                VALUES (gen_random_uuid(), md5(:id::text)::uuid, 'order-events', 'OrderPlaced', '%s');
            COMMIT;
            """.formatted(PAYLOAD);

    record Summary(double tps, double latencyAverageMillis) {
    }

    private PostgresCommitCeiling() {
    }

    static Ceiling measure(Target target, Duration duration, Path reportDir) {
        try {
            createScratchDatabase(target);
            Path script = reportDir.resolve("ceiling-postgres-transaction.sql");
            Files.writeString(script, TRANSACTION, StandardCharsets.UTF_8);
            Map<String, String> environment = new HashMap<>();
            if (target.dbPassword() != null) {
                environment.put("PGPASSWORD", target.dbPassword());
            }
            String output = ExternalCommand.run(List.of("pgbench", "-h", target.dbHost(), "-p", Integer.toString(target.dbPort()),
                            "-U", target.dbUser(), "-n", "-M", "prepared", "-c", "8", "-j", "2",
                            "-T", Long.toString(duration.toSeconds()), "-f", script.toString(), DATABASE),
                    environment, duration.plusMinutes(2), reportDir.resolve("ceiling-postgres.log"));
            return parse(output)
                    .map(summary -> new Ceiling(PART, MEASURED, summary.tps(), "transactions/s",
                            String.format("latency average %.2f ms", summary.latencyAverageMillis())))
                    .orElse(Ceiling.failed(PART, MEASURED, "no 'tps =' line in ceiling-postgres.log"));
        } catch (Exception failure) {
            return Ceiling.failed(PART, MEASURED, failure.getMessage());
        }
    }

    static Optional<Summary> parse(String output) {
        Matcher tps = TPS.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        if (!tps.find()) {
            return Optional.empty();
        }
        return Optional.of(new Summary(Double.parseDouble(tps.group(1)),
                latency.find() ? Double.parseDouble(latency.group(1)) : 0));
    }

    /** Dropped and created again each time: earlier rows would make the indexes, and so each commit, bigger. */
    private static void createScratchDatabase(Target target) throws Exception {
        try (Connection admin = SystemSnapshot.connect(target, "postgres"); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        try (Connection scratch = SystemSnapshot.connect(target, DATABASE); Statement statement = scratch.createStatement()) {
            statement.execute(SCHEMA);
        }
    }
}
