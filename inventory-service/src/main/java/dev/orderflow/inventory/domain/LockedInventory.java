package dev.orderflow.inventory.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The stock rows and reservations one transaction has locked (ADR 7). Events change them here, in memory and in
 * order; {@link Inventory#save} then writes back what changed.
 */
public final class LockedInventory {

    private final Map<String, StockItem> stockBySku;
    private final Map<UUID, OrderReservation> reservationsByOrder;

    LockedInventory(Map<String, StockItem> stockBySku, Map<UUID, OrderReservation> reservationsByOrder) {
        this.stockBySku = stockBySku;
        this.reservationsByOrder = reservationsByOrder;
    }

    /** The order's reservation, opened on the first event about it. */
    public OrderReservation reservationOf(UUID orderId, Instant now) {
        return reservationsByOrder.computeIfAbsent(orderId, id -> OrderReservation.open(id, now));
    }

    /**
     * Reserves every requested line or none. An order that was already decided (placed twice, or
     * cancelled before it was placed) is left as it is: the result is empty.
     */
    public Optional<ReservationDecision> reserve(OrderReservation reservation, List<StockLine> requested, Instant now) {
        if (!reservation.isUndecided()) {
            return Optional.empty();
        }
        Map<String, Integer> availableBySku = requested.stream()
                .map(line -> stockBySku.get(line.sku()))
                .filter(item -> item != null)
                .distinct()
                .collect(Collectors.toMap(StockItem::getSku, StockItem::getAvailable));
        ReservationDecision decision = ReservationRule.decide(requested, availableBySku);
        if (decision.granted()) {
            decision.lines().forEach(line -> stockBySku.get(line.sku()).reserve(line.quantity(), now));
            reservation.hold(decision.lines(), now);
        } else {
            reservation.reject(now);
        }
        return Optional.of(decision);
    }

    /** Gives back whatever the order holds and returns those lines; an order holds stock at most once. */
    public List<StockLine> release(OrderReservation reservation, Instant now) {
        List<StockLine> released = reservation.release(now);
        released.forEach(line -> stockOf(line.sku()).release(line.quantity(), now));
        return released;
    }

    Collection<StockItem> stock() {
        return stockBySku.values();
    }

    Collection<OrderReservation> reservations() {
        return reservationsByOrder.values();
    }

    private StockItem stockOf(String sku) {
        StockItem item = stockBySku.get(sku);
        if (item == null) {
            // Inventory#lock takes the SKUs every releasing order holds; missing one would be a bug, not bad input.
            throw new IllegalStateException("stock of " + sku + " was not locked");
        }
        return item;
    }
}
