package dev.orderflow.notification.domain;

import dev.orderflow.events.OrderEvent;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores exactly one notification per order event.
 *
 * <p>ADR 2 gives each consumer a {@code processed_events} table written in the same transaction as its
 * effect. Here the notification row is the whole effect, so its unique {@code event_id} is that record:
 * {@code INSERT … ON CONFLICT (event_id) DO NOTHING} gives the same exactly-once guarantee with one write.
 *
 * <p>The listener hands over everything one poll returned (ADR 6), so this runs on every event: plain JDBC, the
 * inserts sent as one JDBC batch, and one query for the orders' highest sequences, whatever the number of events.
 */
@Service
public class NotificationRecorder {

    /**
     * One index probe per order (the {@code (order_id, sequence)} index gives each maximum at once). Written as a
     * lateral lookup because with {@code order_id = ANY(?)} PostgreSQL chose to read the whole table for each poll:
     * 552 full scans in 20 s at 40 orders/s, growing with the table.
     */
    private static final String HIGHEST_SEQUENCES = """
            SELECT ids.order_id, highest.sequence
            FROM unnest(?::uuid[]) AS ids(order_id)
            CROSS JOIN LATERAL (SELECT max(sequence) AS sequence FROM notifications n WHERE n.order_id = ids.order_id) highest
            WHERE highest.sequence IS NOT NULL
            """;

    private static final String INSERT_UNLESS_PRESENT = """
            INSERT INTO notifications
                (notification_id, event_id, order_id, customer_id, event_type, sequence, message, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (event_id) DO NOTHING
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public NotificationRecorder(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the events in one transaction, in their order, and says what each did. An event is a duplicate when
     * its notification was stored before, or earlier in the list; its highest sequence before counts what was
     * stored for its order before the call plus the events stored earlier in the list, as if each event had been
     * recorded on its own, one after another.
     */
    @Transactional
    public List<RecordedNotification> record(List<? extends OrderEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Map<UUID, Long> highestSequence = highestSequences(events);
        List<String> messages = new ArrayList<>(events.size());
        List<Object[]> rows = new ArrayList<>(events.size());
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (OrderEvent event : events) {
            String message = NotificationMessages.of(event);
            messages.add(message);
            rows.add(new Object[] {UUID.randomUUID(), event.eventId(), event.orderId(), event.customerId(),
                    event.eventType(), event.sequence(), message, now});
        }
        int[] inserted = jdbc.batchUpdate(INSERT_UNLESS_PRESENT, rows);

        List<RecordedNotification> recorded = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            OrderEvent event = events.get(i);
            boolean stored = storedOne(inserted[i]);
            recorded.add(new RecordedNotification(stored, messages.get(i), highestSequence.get(event.orderId())));
            if (stored) {
                highestSequence.merge(event.orderId(), event.sequence(), Math::max);
            }
        }
        return recorded;
    }

    private Map<UUID, Long> highestSequences(List<? extends OrderEvent> events) {
        UUID[] orderIds = events.stream().map(OrderEvent::orderId).distinct().toArray(UUID[]::new);
        Map<UUID, Long> highest = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(HIGHEST_SEQUENCES);
            statement.setArray(1, connection.createArrayOf("uuid", orderIds));
            return statement;
        }, row -> {
            highest.put(row.getObject(1, UUID.class), row.getLong(2));
        });
        return highest;
    }

    /**
     * The driver's count for one statement of the batch: 1 stored, 0 was already there. A driver that merges the
     * statements (PostgreSQL's {@code reWriteBatchedInserts}) no longer tells them apart, and duplicates would go
     * unnoticed, so that is refused rather than guessed.
     */
    private static boolean storedOne(int count) {
        if (count == 1 || count == 0) {
            return count == 1;
        }
        throw new IllegalStateException("expected an update count of 0 or 1 per notification, got " + count
                + (count == Statement.SUCCESS_NO_INFO ? " (is reWriteBatchedInserts on?)" : ""));
    }
}
