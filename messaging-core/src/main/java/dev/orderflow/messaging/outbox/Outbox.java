package dev.orderflow.messaging.outbox;

import dev.orderflow.events.Event;
import dev.orderflow.messaging.tracing.TraceParents;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends events to {@code outbox_events} inside the caller's transaction, the one that makes the change they
 * report (ADR 1), and wakes the relay once that transaction commits.
 *
 * <p>Plain JDBC, whatever the caller uses: a JPA transaction shares its connection with {@code JdbcTemplate}. The row's
 * {@code id} is drawn at insert time, inside the caller's locks, so an aggregate's events get increasing ids in the
 * order they happened, which is the order the relay publishes them in.
 */
public class Outbox {

    /** Published inside the transaction; the relay hears it after the commit ({@code @TransactionalEventListener}). */
    public record Appended() {
    }

    private static final Appended APPENDED = new Appended();

    private static final String INSERT = """
            INSERT INTO outbox_events (event_id, aggregate_id, topic, event_type, payload, created_at, traceparent)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final TraceParents traceParents;
    private final ApplicationEventPublisher applicationEvents;

    public Outbox(JdbcTemplate jdbc, TraceParents traceParents, ApplicationEventPublisher applicationEvents) {
        this.jdbc = jdbc;
        this.traceParents = traceParents;
        this.applicationEvents = applicationEvents;
    }

    /** The event as an outbox row carrying the trace in progress: build it inside the scope of the work that caused it. */
    public OutboxMessage message(String topic, Event event) {
        return OutboxMessage.of(topic, event, traceParents.current());
    }

    /** Appends one event with the trace in progress. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, Event event) {
        appendAll(List.of(message(topic, event)));
    }

    /** Appends the rows in one JDBC batch, in list order; the ids the database draws keep that order. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        if (messages.size() == 1) {
            jdbc.update(INSERT, values(messages.get(0)));
        } else {
            jdbc.batchUpdate(INSERT, messages.stream().map(Outbox::values).toList());
        }
        applicationEvents.publishEvent(APPENDED);
    }

    private static Object[] values(OutboxMessage message) {
        return new Object[] {message.eventId(), message.aggregateId(), message.topic(), message.eventType(),
                message.payload(), message.createdAt().atOffset(ZoneOffset.UTC), message.traceparent()};
    }
}
