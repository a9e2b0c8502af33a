package dev.orderflow.inventory.messaging;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.inventory.config.InventoryProperties;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka in {@code id} order, one batch per round trip (ADR 1).
 *
 * <p>Written by hand rather than with Spring Modulith's event externalization, which publishes each event
 * on its own and resubmits failures later, so an order's replies could overtake each other.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Identifies inventory-service's relay among the advisory locks of the database ("inv-outbox"). */
    private static final long RELAY_LOCK_KEY = 0x696e762d6f7574L;

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);

    /**
     * Continues, for one row, the trace of the record whose handling wrote it: Micrometer's receiver-side tracing
     * handler reads the stored {@code traceparent} as if it had arrived on the wire, so the relay's span and the
     * {@code KafkaTemplate}'s producer span under it (whose {@code traceparent} header goes on the record) belong
     * to the order's trace.
     */
    private static final class RelayContext extends ReceiverContext<OutboxEvent> {

        RelayContext(OutboxEvent event) {
            super((carrier, key) -> "traceparent".equals(key) ? carrier.traceparent() : null);
            setCarrier(event);
            setRemoteServiceName("outbox");
        }
    }

    private final OutboxEvents outbox;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, Object> kafka;
    private final InventoryProperties.Outbox settings;
    private final ObservationRegistry observations;
    private final Semaphore wakeUps = new Semaphore(0);

    private volatile Thread worker;

    OutboxRelay(OutboxEvents outbox, PlatformTransactionManager transactionManager,
            KafkaTemplate<String, Object> kafka, InventoryProperties properties, ObservationRegistry observations) {
        this.outbox = outbox;
        this.observations = observations;
        this.transaction = new TransactionTemplate(transactionManager);
        this.kafka = kafka;
        this.settings = properties.outbox();
    }

    @TransactionalEventListener
    void onOutboxAppended(Outbox.Appended appended) {
        wakeUps.release();
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::relayUntilStopped, "outbox-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(settings.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    private void relayUntilStopped() {
        Duration backoff = Duration.ZERO;
        while (worker == Thread.currentThread()) {
            try {
                Batch batch = relayBatch();
                if (batch.failure() != null) {
                    backoff = nextBackoff(backoff);
                    log.warn("outbox relay: published {} events, then Kafka failed ({}); retrying in {} ms", batch.sent(),
                            FailureLines.describe(batch.failure()), backoff.toMillis());
                    TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
                    continue;
                }
                if (!backoff.isZero()) {
                    log.info("outbox relay: Kafka reachable again, published {} events", batch.sent());
                    backoff = Duration.ZERO;
                }
                if (batch.sent() < settings.batchSize()) {
                    wakeUps.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                backoff = nextBackoff(backoff);
                log.warn("outbox relay: cannot read the outbox ({}); retrying in {} ms", FailureLines.describe(e), backoff.toMillis());
                try {
                    TimeUnit.MILLISECONDS.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Sends up to one batch, waits once for all acknowledgements, and deletes the prefix Kafka took. */
    private Batch relayBatch() throws InterruptedException {
        Batch batch = transaction.execute(status -> {
            if (!outbox.tryRelayLock(RELAY_LOCK_KEY)) {
                return Batch.EMPTY;
            }
            List<OutboxEvent> events = outbox.oldest(settings.batchSize());
            if (events.isEmpty()) {
                return Batch.EMPTY;
            }
            List<CompletableFuture<?>> sends = new ArrayList<>(events.size());
            for (OutboxEvent event : events) {
                CompletableFuture<?> send = send(event);
                sends.add(send);
                if (send.isCompletedExceptionally()) {
                    break; // Kafka refused at once (e.g. no metadata): the rest would only wait as long again
                }
            }
            Batch acknowledged = awaitAcknowledgements(sends);
            if (acknowledged.sent() > 0) {
                outbox.deleteSent(events.subList(0, acknowledged.sent()).stream().map(OutboxEvent::id).toList());
            }
            return acknowledged;
        });
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return batch;
    }

    private CompletableFuture<?> send(OutboxEvent event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, Object> record = new ProducerRecord<>(event.topic(), null,
                event.aggregateId().toString(), event.payload().getBytes(StandardCharsets.UTF_8), headers);
        try {
            return Observation.createNotStarted("orderflow.outbox.relay", () -> new RelayContext(event), observations)
                    .contextualName("outbox publish")
                    .lowCardinalityKeyValue("event.type", event.eventType())
                    .observe(() -> kafka.send(record));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Batch awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        int acknowledged = 0;
        for (CompletableFuture<?> send : sends) {
            try {
                send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (ExecutionException e) {
                return new Batch(acknowledged, e.getCause());
            } catch (TimeoutException e) {
                return new Batch(acknowledged, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Batch(acknowledged, e);
            }
        }
        return new Batch(acknowledged, null);
    }

    private Duration nextBackoff(Duration current) {
        Duration doubled = current.isZero() ? FIRST_BACKOFF : current.multipliedBy(2);
        return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    private record Batch(int sent, Throwable failure) {

        static final Batch EMPTY = new Batch(0, null);
    }
}
