package dev.orderflow.messaging.batch;

import dev.orderflow.events.Event;
import java.util.List;

/**
 * What a service hands the core to consume a topic: its domain's reaction to a poll's events. The core's
 * {@link BatchListener} calls it inside one transaction per poll (ADR 6) and does the rest: the fall-back that singles
 * out a failing record, dead letters, the per-record log line, counters and traces.
 *
 * @param <E> the topic's sealed event type, as the contract's deserializer reads it
 */
public interface BatchHandler<E extends Event> {

    /** The listener container's id: also the {@code spring.kafka.listener.id} tag of the record's observation. */
    String listenerId();

    /** The topic consumed, by the service's consumer group ({@code spring.kafka.consumer.group-id}). */
    String topic();

    /**
     * Applies the deliveries' events in order, in the caller's transaction (all or nothing), each exactly once: a
     * duplicate answers {@link Handled#duplicate()}. Work that must carry a record's trace (an outbox row) is done
     * inside {@link Delivery#inScope}.
     *
     * @return what each delivery did, one per delivery, in the same order
     */
    List<Handled> apply(List<Delivery<E>> deliveries);
}
