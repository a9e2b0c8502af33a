package dev.orderflow.inventory.messaging;

import dev.orderflow.events.InventoryEvent;
import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.OrderRejected;
import dev.orderflow.events.StockRejected;
import dev.orderflow.events.StockReleased;
import dev.orderflow.events.StockReserved;
import dev.orderflow.inventory.domain.Inventory;
import dev.orderflow.inventory.domain.OrderReservation;
import dev.orderflow.inventory.domain.ReservationDecision;
import dev.orderflow.inventory.domain.StockLine;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one order event in one transaction: marks it processed, checks the order's sequence, changes
 * the stock and appends the reply to the outbox, so either all of it happens or none (ADR 1, ADR 2).
 */
@Component
class OrderEventHandler {

    private final ProcessedEventRepository processedEvents;
    private final Inventory inventory;
    private final Outbox outbox;
    private final Clock clock;
    private final EntityManager entityManager;

    OrderEventHandler(ProcessedEventRepository processedEvents, Inventory inventory, Outbox outbox, Clock clock,
            EntityManager entityManager) {
        this.processedEvents = processedEvents;
        this.inventory = inventory;
        this.outbox = outbox;
        this.clock = clock;
        this.entityManager = entityManager;
    }

    /**
     * Locks, in SKU order, every stock row the events may change: a batch takes its locks at once, so two
     * batches sharing SKUs wait for each other instead of deadlocking (ADR 6).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockStockFor(List<OrderEvent> events) {
        Set<String> skus = new HashSet<>();
        List<UUID> cancelled = new ArrayList<>();
        for (OrderEvent event : events) {
            if (event instanceof OrderPlaced placed) {
                placed.items().forEach(line -> skus.add(line.sku()));
            } else if (event instanceof OrderCancelled) {
                cancelled.add(event.orderId());
            }
        }
        inventory.lockStock(skus, cancelled);
    }

    @Transactional
    public HandledEvent handle(OrderEvent event) {
        if (processedEvents.markProcessed(event.eventId(), clock.instant()) == 0) {
            return HandledEvent.duplicate();
        }
        OrderReservation reservation = inventory.reservationOf(event.orderId());
        long expectedSequence = reservation.recordOrderSequence(event.sequence());
        Effect effect = event.accept(new EffectOnStock(reservation));
        effect.reply().ifPresent(outbox::append);
        // In a batch's transaction (ADR 6) every query flushes the persistence context first, checking each entity
        // in it: kept for the whole batch, that grows with every record, so each record's changes go out here.
        entityManager.flush();
        entityManager.clear();
        return new HandledEvent(effect.outcome(), effect.summary(), expectedSequence);
    }

    private record Effect(String outcome, String summary, Optional<InventoryEvent> reply) {

        static Effect answered(String outcome, String what, InventoryEvent reply) {
            return new Effect(outcome, what + ", answered " + reply.eventType(), Optional.of(reply));
        }

        static Effect ignored(String why) {
            return new Effect("ignored", why, Optional.empty());
        }
    }

    private final class EffectOnStock implements OrderEvent.Handler<Effect> {

        private final OrderReservation reservation;

        EffectOnStock(OrderReservation reservation) {
            this.reservation = reservation;
        }

        @Override
        public Effect placed(OrderPlaced event) {
            List<StockLine> requested = event.items().stream()
                    .map(line -> new StockLine(line.sku(), line.quantity()))
                    .toList();
            Optional<ReservationDecision> decided = inventory.reserve(reservation, requested);
            if (decided.isEmpty()) {
                return Effect.ignored("ignored, order already " + reservation.getStatus());
            }
            ReservationDecision decision = decided.get();
            if (decision.granted()) {
                return Effect.answered("reserved", "reserved " + lines(decision.lines().size()),
                        new StockReserved(UUID.randomUUID(), event.orderId(), reservation.nextReplySequence(),
                                clock.instant(), toOrderLines(decision.lines())));
            }
            return Effect.answered("rejected", "rejected (" + decision.reason() + ")",
                    new StockRejected(UUID.randomUUID(), event.orderId(), reservation.nextReplySequence(),
                            clock.instant(), decision.reason()));
        }

        @Override
        public Effect cancelled(OrderCancelled event) {
            List<StockLine> released = inventory.release(reservation);
            return Effect.answered("released", "released " + lines(released.size()),
                    new StockReleased(UUID.randomUUID(), event.orderId(), reservation.nextReplySequence(),
                            clock.instant(), toOrderLines(released)));
        }

        @Override
        public Effect confirmed(OrderConfirmed event) {
            return Effect.ignored("ignored");
        }

        @Override
        public Effect rejected(OrderRejected event) {
            return Effect.ignored("ignored");
        }
    }

    private static String lines(int count) {
        return count + (count == 1 ? " line" : " lines");
    }

    private static List<OrderLine> toOrderLines(List<StockLine> lines) {
        return lines.stream().map(line -> new OrderLine(line.sku(), line.quantity())).toList();
    }
}
