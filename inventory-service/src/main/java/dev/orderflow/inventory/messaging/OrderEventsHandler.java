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
import dev.orderflow.events.Topics;
import dev.orderflow.inventory.domain.Inventory;
import dev.orderflow.inventory.domain.LockedInventory;
import dev.orderflow.inventory.domain.OrderReservation;
import dev.orderflow.inventory.domain.ReservationDecision;
import dev.orderflow.inventory.domain.StockLine;
import dev.orderflow.messaging.batch.BatchHandler;
import dev.orderflow.messaging.batch.Delivery;
import dev.orderflow.messaging.batch.Handled;
import dev.orderflow.messaging.inbox.ProcessedEvents;
import dev.orderflow.messaging.outbox.Outbox;
import dev.orderflow.messaging.outbox.OutboxMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reacts to a poll's order events, in order, in the transaction the core's batch listener opens (ADR 6): marks each
 * processed, checks the order's sequence, changes the stock and appends the reply to the outbox, so either all of it
 * happens or none (ADR 1, ADR 2). The rows are locked and written with a few statements for the whole poll (ADR 7).
 * The domain knows nothing of the wire format (ArchitectureTests): this turns events into its calls and its decisions
 * into replies.
 */
@Component
class OrderEventsHandler implements BatchHandler<OrderEvent> {

    /** The listener container's id, also the {@code spring.kafka.listener.id} tag of each record's observation. */
    static final String LISTENER_ID = "inventory-order-events";

    private final ProcessedEvents processedEvents;
    private final Inventory inventory;
    private final Outbox outbox;
    private final Clock clock;

    OrderEventsHandler(ProcessedEvents processedEvents, Inventory inventory, Outbox outbox, Clock clock) {
        this.processedEvents = processedEvents;
        this.inventory = inventory;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public String listenerId() {
        return LISTENER_ID;
    }

    @Override
    public String topic() {
        return Topics.ORDER_EVENTS;
    }

    /** Each record's reaction runs inside its own observation's scope, so its reply carries its trace (ADR 4). */
    @Override
    public List<Handled> apply(List<Delivery<OrderEvent>> deliveries) {
        Instant now = clock.instant();
        Set<UUID> orders = new HashSet<>();
        Set<String> skus = new HashSet<>();
        Set<UUID> releasing = new HashSet<>();
        for (Delivery<OrderEvent> delivery : deliveries) {
            OrderEvent event = delivery.event();
            orders.add(event.orderId());
            if (event instanceof OrderPlaced placed) {
                placed.items().forEach(line -> skus.add(line.sku()));
            } else if (event instanceof OrderCancelled) {
                releasing.add(event.orderId());
            }
        }
        // Locks first (stock, then reservations, each in one order), then the processed-event rows: the same order
        // in every transaction, so two never wait for each other in a circle.
        LockedInventory locked = inventory.lock(orders, skus, releasing);
        boolean[] firstTime = processedEvents.markProcessed(
                deliveries.stream().map(delivery -> delivery.event().eventId()).toList());

        List<Handled> handled = new ArrayList<>(deliveries.size());
        List<OutboxMessage> replies = new ArrayList<>();
        for (int index = 0; index < deliveries.size(); index++) {
            Delivery<OrderEvent> delivery = deliveries.get(index);
            if (!firstTime[index]) {
                handled.add(Handled.duplicate());
                continue;
            }
            handled.add(delivery.inScope(() -> {
                OrderEvent event = delivery.event();
                OrderReservation reservation = locked.reservationOf(event.orderId(), now);
                long expectedSequence = reservation.recordOrderSequence(event.sequence());
                Effect effect = event.accept(new EffectOnStock(locked, reservation, now));
                effect.reply().ifPresent(reply -> replies.add(outbox.message(Topics.INVENTORY_EVENTS, reply)));
                return new Handled(effect.outcome(), effect.summary(), expectedSequence);
            }));
        }
        inventory.save(locked);
        outbox.appendAll(replies);
        return handled;
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

        private final LockedInventory locked;
        private final OrderReservation reservation;
        private final Instant now;

        EffectOnStock(LockedInventory locked, OrderReservation reservation, Instant now) {
            this.locked = locked;
            this.reservation = reservation;
            this.now = now;
        }

        @Override
        public Effect placed(OrderPlaced event) {
            List<StockLine> requested = event.items().stream()
                    .map(line -> new StockLine(line.sku(), line.quantity()))
                    .toList();
            Optional<ReservationDecision> decided = locked.reserve(reservation, requested, now);
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
            List<StockLine> released = locked.release(reservation, now);
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
