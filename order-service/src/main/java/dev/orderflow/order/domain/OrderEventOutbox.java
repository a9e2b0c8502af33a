package dev.orderflow.order.domain;

import dev.orderflow.events.EventJson;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.Topics;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes order events into the outbox, inside the transaction of the change they describe. */
@Component
class OrderEventOutbox {

    private final OutboxEventRepository outbox;
    private final ApplicationEventPublisher applicationEvents;
    private final TraceParents traceParents;

    OrderEventOutbox(OutboxEventRepository outbox, ApplicationEventPublisher applicationEvents,
            TraceParents traceParents) {
        this.outbox = outbox;
        this.applicationEvents = applicationEvents;
        this.traceParents = traceParents;
    }

    /** Appends an event of {@code order}, with the trace of the work that caused it. */
    @Transactional(propagation = Propagation.MANDATORY)
    void append(Order order, OrderEvent event) {
        outbox.save(new OutboxEvent(event.eventId(), event.orderId(), Topics.ORDER_EVENTS, event.eventType(),
                EventJson.writeString(event), event.occurredAt(), traceParents.current()));
        applicationEvents.publishEvent(new OrderEventRecorded(event, order.createdAt()));
    }
}
