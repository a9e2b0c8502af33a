package dev.orderflow.messaging.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code orderflow.outbox.backlog} (rows waiting) and {@code orderflow.outbox.oldest.age} (seconds the oldest has
 * waited). Read with one query when scraped, never per event; the answer is reused for a second so the two
 * gauges of one scrape cost one round trip. Normally the outbox is nearly empty; both grow when Kafka is down.
 */

public class OutboxMetrics implements MeterBinder {

    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private record Snapshot(double backlog, double oldestAgeSeconds, Instant readAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Double.NaN, Double.NaN, Instant.MIN);

    public OutboxMetrics(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("orderflow.outbox.backlog", this, metrics -> metrics.read().backlog())
                .description("Events written to the outbox and not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("orderflow.outbox.oldest.age", this, metrics -> metrics.read().oldestAgeSeconds())
                .description("How long the oldest event in the outbox has waited")
                .baseUnit("seconds")
                .register(registry);
    }

    private Snapshot read() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (Duration.between(current.readAt(), now).compareTo(FRESH_FOR) < 0) {
            return current;
        }
        try {
            current = jdbc.sql("""
                            SELECT count(*), coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0)
                            FROM outbox_events""")
                    .query((rs, n) -> new Snapshot(rs.getLong(1), Math.max(0, rs.getDouble(2)), now))
                    .single();
        } catch (DataAccessException e) {
            // Unknown, not zero: an empty outbox and an unreachable database must not look alike.
            current = new Snapshot(Double.NaN, Double.NaN, now);
        }
        snapshot = current;
        return current;
    }
}
