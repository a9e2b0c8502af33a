package dev.orderflow.notification.messaging;

import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.batch.BatchHandler;
import dev.orderflow.messaging.batch.Delivery;
import dev.orderflow.messaging.batch.Handled;
import dev.orderflow.notification.domain.NotificationRecorder;
import dev.orderflow.notification.domain.RecordedNotification;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns each order event of a poll into one notification (the core's batch listener applies the poll in one
 * transaction, ADR 6). The notification's unique event id is this service's inbox, so a redelivery is a duplicate.
 */
@Component
class OrderEventsHandler implements BatchHandler<OrderEvent> {

    /** The listener's id, also the {@code spring.kafka.listener.id} tag of each record's observation. */
    static final String LISTENER_ID = "order-events";

    private final NotificationRecorder recorder;

    OrderEventsHandler(NotificationRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public String listenerId() {
        return LISTENER_ID;
    }

    @Override
    public String topic() {
        return Topics.ORDER_EVENTS;
    }

    @Override
    public List<Handled> apply(List<Delivery<OrderEvent>> deliveries) {
        List<OrderEvent> events = deliveries.stream().map(Delivery::event).toList();
        List<RecordedNotification> recorded = recorder.record(events);
        List<Handled> handled = new ArrayList<>(recorded.size());
        for (int i = 0; i < recorded.size(); i++) {
            RecordedNotification notification = recorded.get(i);
            handled.add(notification.duplicate() ? Handled.duplicate()
                    : new Handled("notified", "notified " + events.get(i).customerId() + ": \"" + notification.message()
                            + "\"", notification.expectedSequence()));
        }
        return handled;
    }
}
