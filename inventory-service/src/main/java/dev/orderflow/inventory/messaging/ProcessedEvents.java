package dev.orderflow.inventory.messaging;

import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code processed_events} table: the id of every event this service has applied (ADR 2). */
@Repository
class ProcessedEvents {

    private final JdbcTemplate jdbc;

    ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks the events processed in one JDBC batch and tells, for each, whether this was the first time: not for
     * a redelivery, nor for the second copy of an event in the same list.
     */
    boolean[] markProcessed(List<UUID> eventIds, Instant now) {
        List<Object[]> rows = eventIds.stream().map(id -> new Object[] {id, now.atOffset(ZoneOffset.UTC)}).toList();
        int[] counts = jdbc.batchUpdate(
                "INSERT INTO processed_events (event_id, processed_at) VALUES (?, ?) ON CONFLICT DO NOTHING", rows);
        boolean[] first = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            first[i] = insertedOne(counts[i]);
        }
        return first;
    }

    /**
     * The driver's count for one statement of the batch. A driver that merges the statements (PostgreSQL's
     * {@code reWriteBatchedInserts}) no longer tells them apart, and redeliveries would go unnoticed, so that is
     * refused rather than guessed.
     */
    private static boolean insertedOne(int count) {
        if (count == 1 || count == 0) {
            return count == 1;
        }
        throw new IllegalStateException("expected an update count of 0 or 1 per processed event, got " + count
                + (count == Statement.SUCCESS_NO_INFO ? " (is reWriteBatchedInserts on?)" : ""));
    }
}
