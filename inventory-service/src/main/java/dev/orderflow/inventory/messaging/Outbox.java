package dev.orderflow.inventory.messaging;

import dev.orderflow.events.InventoryEvent;
import dev.orderflow.events.Topics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends replies to the outbox inside the caller's transaction and wakes the relay once it commits. */
@Component
class Outbox {

    /** Published inside the transaction; {@link OutboxRelay} hears it only after the commit. */
    record Appended() {
    }

    private final OutboxEventRepository repository;
    private final ApplicationEventPublisher applicationEvents;
    private final TraceParents traceParents;

    Outbox(OutboxEventRepository repository, ApplicationEventPublisher applicationEvents, TraceParents traceParents) {
        this.repository = repository;
        this.applicationEvents = applicationEvents;
        this.traceParents = traceParents;
    }

    /** Appends a reply with the trace of the record being handled, which the relay continues (ADR 4). */
    @Transactional(propagation = Propagation.MANDATORY)
    void append(InventoryEvent event) {
        repository.save(OutboxEvent.of(Topics.INVENTORY_EVENTS, event, traceParents.current()));
        applicationEvents.publishEvent(new Appended());
    }
}
