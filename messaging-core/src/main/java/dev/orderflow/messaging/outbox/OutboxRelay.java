package dev.orderflow.messaging.outbox;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.messaging.FailureLines;
import dev.orderflow.messaging.tracing.TraceParents;
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
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka in {@code id} order, one batch per round trip (ADR 1). One thread per instance;
 * across instances a PostgreSQL advisory lock lets one relay at a time, so scaling out cannot reorder an order's
 * events.
 *
 * <p>Written by hand rather than with Spring Modulith's event externalization, which resends failed events
 * individually and so can reorder an order's events after a failure (ADR 1).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** How long {@link #stop()} waits for a round in flight before the context closes anyway. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private record Row(long id, UUID eventId, UUID aggregateId, String topic, String eventType, String payload,
            String traceparent) {
    }

    /**
     * Continues, for one row, the trace of the work that wrote it: Micrometer's receiver-side tracing handler reads
     * the stored {@code traceparent} as if it had arrived on the wire, so the relay's span and the
     * {@code KafkaTemplate}'s producer span under it (whose {@code traceparent} header goes on the record) belong to
     * the order's trace (ADR 4).
     */
    private static final class RelayContext extends ReceiverContext<Row> {

        RelayContext(Row row) {
            super((carrier, key) -> TraceParents.TRACEPARENT.equals(key) ? carrier.traceparent() : null);
            setCarrier(row);
            setRemoteServiceName("outbox");
        }
    }

    /** How a round went: how many rows it read and published and, if it stopped early, why. */
    private record Round(int published, int read, Throwable failure) {

        static final Round NOTHING = new Round(0, 0, null);
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaOperations<String, Object> kafka;
    private final OutboxProperties properties;
    private final ObservationRegistry observations;

    /** Holds at most one permit: many commits in a row coalesce into one round. */
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile CountDownLatch stopped = new CountDownLatch(0);
    private volatile Thread worker;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaOperations<String, Object> kafka,
            OutboxProperties properties, ObservationRegistry observations) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.observations = observations;
    }

    /** Runs after the commit that wrote outbox rows, so the events leave within milliseconds. */
    @TransactionalEventListener
    void onAppended(Outbox.Appended appended) {
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

    /**
     * Lets the round in flight finish, never interrupts it: an interrupt inside the JDBC driver or the Kafka producer
     * can close the connection or abort sends half-way. Whatever the round did not delete is sent again later.
     */
    @Override
    public void stop() {
        stopped.countDown();
        wakeUp();
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        // would be sent again and every consumer would drop the copies by their event id (ADR 1, ADR 2). And the round
        // reads the table through its primary key, never by a full scan, which would keep reading the pages deleted
        // rows leave until VACUUM (docs/benchmark.md).
        boolean locked = jdbc.sql("""
                        SELECT pg_try_advisory_xact_lock(?), set_config('synchronous_commit', 'off', true),
                               set_config('enable_seqscan', 'off', true)""")
                .param(properties.lockKey())
                .query((rs, n) -> rs.getBoolean(1))
                .single();
        if (!locked) {
            return Round.NOTHING;
        }
        List<Row> rows = jdbc.sql("""
                        SELECT id, event_id, aggregate_id, topic, event_type, payload, traceparent
                        FROM outbox_events ORDER BY id LIMIT ?""")
                .param(properties.batchSize())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
        if (rows.isEmpty()) {
            return Round.NOTHING;
        }
        // Send the whole batch before waiting: one round trip per batch, not per event.
        List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            CompletableFuture<?> send = send(row);
            sends.add(send);
            if (send.isCompletedExceptionally()) {
                break; // refused at once (no metadata, say): the rows after it would only wait as long again
            }
        }
        Round round = awaitAcknowledgements(sends, rows.size());
        if (round.published() > 0) {
            // By id, never "id <= last": a row with a smaller id may commit later and must not be lost.
            Long[] published = rows.subList(0, round.published()).stream().map(Row::id).toArray(Long[]::new);
            jdbc.sql("DELETE FROM outbox_events WHERE id = ANY(?)").param(published).update();
        }
        return round;
    }

    /** Waits once for the batch, up to the send timeout; the acknowledged prefix is what may be deleted. */
    private Round awaitAcknowledgements(List<CompletableFuture<?>> sends, int read) {
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        int acknowledged = 0;
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (ExecutionException e) {
                return new Round(acknowledged, read, e.getCause() != null ? e.getCause() : e);
            } catch (TimeoutException e) {
                return new Round(acknowledged, read, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped.countDown();
                return new Round(acknowledged, read, e);
            }
        }
        return new Round(acknowledged, read, null);
    }

    private CompletableFuture<?> send(Row row) {
        try {
            return Observation.createNotStarted("orderflow.outbox.relay", () -> new RelayContext(row), observations)
                    .contextualName("outbox publish")
                    .lowCardinalityKeyValue("event.type", row.eventType())
                    .observe(() -> kafka.send(toRecord(row)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static ProducerRecord<String, Object> toRecord(Row row) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(row.topic(), row.aggregateId().toString(),
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
