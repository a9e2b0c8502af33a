package dev.orderflow.order.domain;

import dev.orderflow.events.InventoryEvent;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderRejected;
import dev.orderflow.events.StockRejected;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.StockReserved;
import dev.orderflow.messaging.inbox.ProcessedEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies inventory-service's replies to orders: each reply exactly once, in one transaction with its effect. The
 * transaction is the caller's when there is one: the listener applies a whole poll in one (ADR 6), and a reply
 * that comes twice in it is still applied once, since its id is already in {@code processed_events}.
 */
@Service
public class StockReplyService {

    private final OrderRepository orders;
    private final ProcessedEvents processedEvents;
    private final OrderEventOutbox outbox;
    private final Clock clock;

    StockReplyService(OrderRepository orders, ProcessedEvents processedEvents, OrderEventOutbox outbox, Clock clock) {
        this.orders = orders;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public StockReplyResult apply(InventoryEvent event) {
        if (!processedEvents.markProcessed(event.eventId())) {
            return StockReplyResult.duplicate();
        }
        Order order = orders.findForUpdate(event.orderId()).orElse(null);
        if (order == null) {
            // inventory-service only answers orders placed here; nothing to change, and retrying cannot help
            return new StockReplyResult(StockReplyOutcome.UNKNOWN_ORDER, "unknown order, ignored", 0);
        }
        long expectedSequence = order.recordInventoryEventSequence(event.sequence());
        return event.accept(new InventoryEvent.Handler<>() {

            @Override
            public StockReplyResult reserved(StockReserved reserved) {
                if (order.status() != OrderStatus.PENDING) {
                    return unchanged(order, expectedSequence);
                }
                order.confirm(now());
                outbox.append(order, new OrderConfirmed(UUID.randomUUID(), order.orderId(),
                        order.nextOrderEventSequence(), order.updatedAt(), order.customerId()));
                return new StockReplyResult(StockReplyOutcome.CONFIRMED, "confirmed, published OrderConfirmed",
                        expectedSequence);
            }

            @Override
            public StockReplyResult rejected(StockRejected rejected) {
                if (order.status() != OrderStatus.PENDING) {
                    return unchanged(order, expectedSequence);
                }
                order.reject(rejected.reason(), now());
                outbox.append(order, new OrderRejected(UUID.randomUUID(), order.orderId(),
                        order.nextOrderEventSequence(), order.updatedAt(), order.customerId(), rejected.reason()));
                return new StockReplyResult(StockReplyOutcome.REJECTED, "rejected (" + rejected.reason()
                        + "), published OrderRejected", expectedSequence);
            }

            @Override
            public StockReplyResult released(StockReleased released) {
                return new StockReplyResult(StockReplyOutcome.RELEASED, "stock released", expectedSequence);
            }
        });
    }

    private static StockReplyResult unchanged(Order order, long expectedSequence) {
        return new StockReplyResult(StockReplyOutcome.UNCHANGED,
                "order already " + order.status() + ", unchanged", expectedSequence);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
