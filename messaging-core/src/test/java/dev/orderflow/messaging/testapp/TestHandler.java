package dev.orderflow.messaging.testapp;

import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.Topics;
import dev.orderflow.messaging.batch.BatchHandler;
import dev.orderflow.messaging.batch.Delivery;
import dev.orderflow.messaging.batch.Handled;
import dev.orderflow.messaging.inbox.ProcessedEvents;
import dev.orderflow.messaging.inbox.Sequences;
import dev.orderflow.messaging.outbox.Outbox;
import dev.orderflow.messaging.outbox.OutboxMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A domain handler as a service writes one, set-based: the inbox for the whole poll, then each event in its record's
 * trace, answered through the outbox. Orders can be poisoned (always fail) or made to fail transiently a few times.
 */
@Component
public class TestHandler implements BatchHandler<OrderEvent> {

    public static final String LISTENER_ID = "core-order-events";

    public final Set<UUID> poisoned = ConcurrentHashMap.newKeySet();
    public final Map<UUID, AtomicInteger> transientFailures = new ConcurrentHashMap<>();

    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;

    TestHandler(ProcessedEvents processedEvents, Outbox outbox, JdbcTemplate jdbc) {
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.jdbc = jdbc;
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
        boolean[] first = processedEvents.markProcessed(deliveries.stream().map(d -> d.event().eventId()).toList());
        List<Handled> handled = new ArrayList<>(deliveries.size());
        List<OutboxMessage> replies = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            OrderEvent event = deliveries.get(i).event();
            if (!first[i]) {
                handled.add(Handled.duplicate());
                continue;
            }
            if (poisoned.contains(event.orderId())) {
                throw new IllegalStateException("order " + event.orderId() + " is poisoned");
            }
            AtomicInteger failures = transientFailures.get(event.orderId());
            if (failures != null && failures.getAndDecrement() > 0) {
                throw new TransientDataAccessResourceException("order " + event.orderId() + " fails for now");
            }
            Long highest = jdbc.queryForObject("SELECT max(sequence) FROM applied_events WHERE order_id = ?", Long.class,
                    event.orderId());
            jdbc.update("INSERT INTO applied_events (event_id, order_id, sequence) VALUES (?, ?, ?)", event.eventId(),
                    event.orderId(), event.sequence());
            replies.add(deliveries.get(i).inScope(() -> outbox.message(Topics.INVENTORY_EVENTS,
                    new StockReleased(UUID.randomUUID(), event.orderId(), event.sequence(), Instant.now(), List.of()))));
            handled.add(new Handled("applied", "applied, answered StockReleased", Sequences.expectedAfter(highest)));
        }
        outbox.appendAll(replies);
        return handled;
    }
}
