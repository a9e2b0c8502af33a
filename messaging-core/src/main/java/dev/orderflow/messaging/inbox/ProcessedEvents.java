package dev.orderflow.messaging.inbox;

import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code processed_events} table: the id of every event a service has applied (ADR 2). Marked in the caller's
 * transaction, the one that makes the event's effect, so a redelivered event is recognised exactly when its effect
 * was committed. Needs {@code processed_events (event_id uuid PRIMARY KEY, processed_at timestamptz)}.
 */
public class ProcessedEvents {

    private static final String MARK = """
            INSERT INTO processed_events (event_id, processed_at) VALUES (?, now()) ON CONFLICT (event_id) DO NOTHING""";

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true the first time {@code eventId} is seen, false for a duplicate */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markProcessed(UUID eventId) {
        return jdbc.update(MARK, eventId) == 1;
    }

    /**
     * Marks the events processed in one JDBC batch and tells, for each, whether this was the first time: not for
     * a redelivery, nor for the second copy of an event in the same list.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean[] markProcessed(List<UUID> eventIds) {
        int[] counts = jdbc.batchUpdate(MARK, eventIds.stream().map(id -> new Object[] {id}).toList());
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
    static boolean insertedOne(int count) {
        if (count == 1 || count == 0) {
            return count == 1;
        }
        throw new IllegalStateException("expected an update count of 0 or 1 per processed event, got " + count
                + (count == Statement.SUCCESS_NO_INFO ? " (is reWriteBatchedInserts on?)" : ""));
    }
}
