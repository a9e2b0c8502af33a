package dev.orderflow.order.domain;

import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.outbox.Outbox;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes order events into the messaging core's outbox, inside the transaction of the change they describe (ADR 1). */
@Component
class OrderEventOutbox {

    private final Outbox outbox;
    private final ApplicationEventPublisher applicationEvents;

    OrderEventOutbox(Outbox outbox, ApplicationEventPublisher applicationEvents) {
        this.outbox = outbox;
        this.applicationEvents = applicationEvents;
    }

    /**
     * Appends an event of {@code order}, with the trace of the work that caused it. Called with the order's row lock
     * held (or its row not yet visible to others), so an order's events get increasing outbox ids in the order they
     * happened.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void append(Order order, OrderEvent event) {
        outbox.append(Topics.ORDER_EVENTS, event);
        applicationEvents.publishEvent(new OrderEventRecorded(event, order.createdAt()));
    }
}
