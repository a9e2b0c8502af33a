package dev.orderflow.inventory.messaging;

import java.util.List;
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

    private final OutboxEvents events;
    private final ApplicationEventPublisher applicationEvents;

    Outbox(OutboxEvents events, ApplicationEventPublisher applicationEvents) {
        this.events = events;
        this.applicationEvents = applicationEvents;
    }

    /** Appends replies, each with the {@code traceparent} of the record it answers, which the relay continues (ADR 4). */
    @Transactional(propagation = Propagation.MANDATORY)
    void appendAll(List<OutboxEvent> replies) {
        if (!replies.isEmpty()) {
            events.appendAll(replies);
            applicationEvents.publishEvent(new Appended());
        }
    }
}
