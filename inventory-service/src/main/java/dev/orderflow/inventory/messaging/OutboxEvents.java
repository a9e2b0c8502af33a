package dev.orderflow.inventory.messaging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The {@code outbox_events} table (ADR 1). */
@Repository
class OutboxEvents {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    OutboxEvents(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Appends the rows in one JDBC batch; the ids the database draws keep their order. */
    void appendAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        batches.batchUpdate("""
                        INSERT INTO outbox_events (event_id, aggregate_id, topic, event_type, payload, created_at, traceparent)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""",
                events.stream().map(event -> new Object[] {event.eventId(), event.aggregateId(), event.topic(),
                        event.eventType(), event.payload(), event.createdAt().atOffset(ZoneOffset.UTC),
                        event.traceparent()}).toList());
    }

    /**
     * Takes the relay's lock, held until the transaction ends, so at most one relay of this service publishes at a
     * time. Besides the lock, the statement sets two things for the round's transaction. It may commit without
     * waiting for its WAL to reach the disk: it only deletes rows Kafka already holds, and if a crash lost that, the
     * rows would be sent again and every consumer would drop the copies by their event id (ADR 1, ADR 2). That spares
     * a disk flush per round. And the round reads the table through its primary key, never by a full scan: the
     * driver prepares the round's statements on the server, where PostgreSQL kept the plan it made while the table
     * was nearly empty, a full scan, and that went on reading every page deleted rows had left until VACUUM (124
     * pages per order in one benchmark run). Ruling the full scan out keeps the prepared plans; planning afresh
     * each round also found the index, but took 11-31 % of a round's time in the database.
     */
    boolean tryRelayLock(long key) {
        return jdbc.sql("""
                        SELECT pg_try_advisory_xact_lock(?), set_config('synchronous_commit', 'off', true),
                               set_config('enable_seqscan', 'off', true)""")
                .param(key)
                .query((row, n) -> row.getBoolean(1))
                .single();
    }

    List<OutboxEvent> oldest(int limit) {
        return jdbc.sql("""
                        SELECT id, event_id, aggregate_id, topic, event_type, payload, created_at, traceparent
                        FROM outbox_events ORDER BY id LIMIT ?""")
                .param(limit)
                .query((row, n) -> new OutboxEvent(row.getLong(1), row.getObject(2, UUID.class),
                        row.getObject(3, UUID.class), row.getString(4), row.getString(5), row.getString(6),
                        row.getObject(7, OffsetDateTime.class).toInstant(), row.getString(8)))
                .list();
    }

    /**
     * Deletes exactly the rows that were sent. Not {@code id <= max}: a transaction that drew a lower id
     * can commit after the batch was read, and its row must not vanish unsent.
     */
    int deleteSent(List<Long> ids) {
        return jdbc.sql("DELETE FROM outbox_events WHERE id = ANY(?)")
                .param(new SqlArrayValue("bigint", ids.toArray()))
                .update();
    }
}
