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

    OrderEventOutbox(OutboxEventRepository outbox, ApplicationEventPublisher applicationEvents) {
        this.outbox = outbox;
        this.applicationEvents = applicationEvents;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void append(OrderEvent event) {
        outbox.save(new OutboxEvent(event.eventId(), event.orderId(), Topics.ORDER_EVENTS, event.eventType(),
                EventJson.writeString(event), event.occurredAt()));
        applicationEvents.publishEvent(new OrderEventRecorded(event));
    }
}
