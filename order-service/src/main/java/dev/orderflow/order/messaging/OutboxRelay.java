package dev.orderflow.order.messaging;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.order.config.OutboxProperties;
import dev.orderflow.order.domain.OrderEventRecorded;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka in {@code id} order (ADR 1). One thread per instance; across instances a
 * PostgreSQL advisory lock lets only one relay at a time, so scaling out cannot reorder an order's events.
 *
 * <p>Written by hand rather than with Spring Modulith's event externalization, which resends failed events
 * individually and so can reorder an order's events after a failure (see ADR 1).
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Key of the advisory lock; any constant unique within the {@code orders} database. */
    private static final long RELAY_LOCK = 0x6f726465725f6f62L;

    private record Row(long id, UUID eventId, UUID aggregateId, String topic, String eventType, String payload,
            String traceparent) {
    }

    /**
     * Continues, for one row, the trace of the work that wrote it: Micrometer's receiver-side tracing handler
     * reads the stored {@code traceparent} as if it had arrived on the wire, so the relay's span and the
     * {@code KafkaTemplate}'s producer span under it (whose {@code traceparent} header goes on the record)
     * belong to the order's trace.
     */
    private static final class RelayContext extends ReceiverContext<Row> {

        RelayContext(Row row) {
            super((carrier, key) -> "traceparent".equals(key) ? carrier.traceparent() : null);
            setCarrier(row);
            setRemoteServiceName("outbox");
        }
    }

    /** How a round went: how many rows it published and, if it stopped early, why. */
    private record Round(int published, int read, Exception failure) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final ObservationRegistry observations;

    /** Holds at most one permit: many commits in a row coalesce into one round. */
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile CountDownLatch stopped = new CountDownLatch(0);
    private volatile Thread worker;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
            OutboxProperties properties, ObservationRegistry observations) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.observations = observations;
    }

    /** Runs after the commit that wrote an outbox row, so the event leaves within milliseconds. */
    @TransactionalEventListener
    void onOrderEventRecorded(OrderEventRecorded recorded) {
        wakeUp();
    }

    void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public void start() {
        stopped = new CountDownLatch(1);
        worker = new Thread(this::relayUntilStopped, "outbox-relay");
        worker.start();
    }

    @Override
    public void stop() {
        stopped.countDown();
        wakeUp();
        try {
            worker.join(Duration.ofSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    private void relayUntilStopped() {
        Duration backoff = Duration.ZERO;
        while (isRunning()) {
            Round round;
            try {
                round = transactions.execute(status -> relayOneBatch());
            } catch (RuntimeException e) {
                round = new Round(0, 0, e);
            }
            if (round.failure() != null) {
                backoff = backoff.isZero() ? properties.initialBackoff() : min(backoff.multipliedBy(2), properties.maxBackoff());
                log.warn("Outbox relay published {} of {} events, then failed: {}; retrying in {} ms",
                        round.published(), round.read(), FailureLines.describe(round.failure()), backoff.toMillis());
                pause(backoff);
                continue;
            }
            if (!backoff.isZero()) {
                log.info("Outbox relay publishing again");
                backoff = Duration.ZERO;
            }
            if (round.read() < properties.batchSize()) {
                awaitWakeUp(properties.pollInterval());
            }
        }
    }

    private Round relayOneBatch() {
        // Besides the lock, this statement sets two things for the round's transaction. It may commit without waiting
        // for its WAL to reach the disk: it only deletes rows Kafka already holds, and if a crash lost that, the rows
        // would be sent again and every consumer would drop the copies by their event id (ADR 1, ADR 2). That spares a
        // disk flush per round. And the round reads the table through its primary key, never by a full scan: the
        // driver prepares the round's statements on the server, where PostgreSQL kept the plan it made while the
        // table was nearly empty, a full scan, and that went on reading every page deleted rows had left until
        // VACUUM (183 pages per order in one benchmark run). Ruling the full scan out keeps the prepared plans;
        // planning afresh each round also found the index, but took 11-31 % of a round's time in the database.
        boolean locked = jdbc.sql("""
                        SELECT pg_try_advisory_xact_lock(?), set_config('synchronous_commit', 'off', true),
                               set_config('enable_seqscan', 'off', true)""")
                .param(RELAY_LOCK)
                .query((rs, n) -> rs.getBoolean(1))
                .single();
        if (!locked) {
            return new Round(0, 0, null);
        }
        List<Row> rows = jdbc.sql("""
                        SELECT id, event_id, aggregate_id, topic, event_type, payload, traceparent
                        FROM outbox_events ORDER BY id LIMIT ?""")
                .param(properties.batchSize())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
        if (rows.isEmpty()) {
            return new Round(0, 0, null);
        }
        List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(rows.size());
        Exception failure = null;
        // Send the whole batch before waiting: one round trip per batch, not per event.
        for (Row row : rows) {
            try {
                sends.add(send(row));
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        List<Long> published = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
                published.add(rows.get(i).id());
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof Exception cause ? cause : e;
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
                break;
            }
        }
        if (!published.isEmpty()) {
            // By id, never "id <= last": a row with a smaller id may commit later and must not be lost.
            jdbc.sql("DELETE FROM outbox_events WHERE id = ANY(?)").param(published.toArray(Long[]::new)).update();
        }
        return new Round(published.size(), rows.size(), failure);
    }

    private CompletableFuture<SendResult<String, byte[]>> send(Row row) {
        return Observation.createNotStarted("orderflow.outbox.relay", () -> new RelayContext(row), observations)
                .contextualName("outbox publish")
                .lowCardinalityKeyValue("event.type", row.eventType())
                .observe(() -> kafka.send(toRecord(row)));
    }

    private static ProducerRecord<String, byte[]> toRecord(Row row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.topic(), row.aggregateId().toString(),
                row.payload().getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(EventHeaders.EVENT_TYPE, row.eventType().getBytes(StandardCharsets.UTF_8))
                .add(EventHeaders.EVENT_ID, row.eventId().toString().getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private void awaitWakeUp(Duration timeout) {
        try {
            if (wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }

    /** Waits out a back-off; unlike {@link #awaitWakeUp}, new commits do not cut it short, only a stop does. */
    private void pause(Duration backoff) {
        try {
            stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
