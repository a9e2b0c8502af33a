package dev.orderflow.messaging.batch;

import dev.orderflow.events.Event;
import io.micrometer.observation.Observation;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record of a poll on its way through a transaction, with spring-kafka's listener observation of it (ADR 4, ADR 6). */
public final class Delivery<E extends Event> {

    private final ConsumerRecord<String, E> record;
    private final Observation observation;
    private Handled handled;

    Delivery(ConsumerRecord<String, E> record, Observation observation) {
        this.record = record;
        this.observation = observation;
    }

    public E event() {
        return record.value();
    }

    public ConsumerRecord<String, E> record() {
        return record;
    }

    /**
     * Runs {@code work} in the record's trace: an outbox row written here carries it on (ADR 4). Cheap; call it for
     * the per-record part of a set-based apply.
     */
    public <T> T inScope(Supplier<T> work) {
        try (Observation.Scope scope = observation.openScope()) {
            return work.get();
        }
    }

    Observation observation() {
        return observation;
    }

    Handled handled() {
        return handled;
    }

    void handled(Handled handled) {
        this.handled = handled;
    }

    /** The work was rolled back: the span ends with the failure that undid it. */
    void abandon(Throwable failure) {
        observation.error(failure);
        observation.stop();
    }
}
