package dev.orderflow.inventory.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The stock of every SKU and the reservations orders hold on it. */
@Service
public class Inventory {

    private final StockItemRepository stockItems;
    private final OrderReservationRepository reservations;
    private final Clock clock;

    public Inventory(StockItemRepository stockItems, OrderReservationRepository reservations, Clock clock) {
        this.stockItems = stockItems;
        this.reservations = reservations;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<StockItem> findAll() {
        return stockItems.findAllByOrderBySkuAsc();
    }

    @Transactional(readOnly = true)
    public Optional<StockItem> find(String sku) {
        return stockItems.findById(sku);
    }

    /** Creates the SKU or sets its available units; reserved units stay as they are. */
    @Transactional
    public StockItem setAvailable(String sku, int available) {
        stockItems.upsertAvailable(sku, available, clock.instant());
        return stockItems.findById(sku).orElseThrow();
    }

    /** The order's reservation, opened (and saved with this transaction) on the first event about it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public OrderReservation reservationOf(UUID orderId) {
        return reservations.findById(orderId)
                .orElseGet(() -> reservations.save(OrderReservation.open(orderId, clock.instant())));
    }

    /**
     * Reserves every requested line or none. An order that was already decided (placed twice, or
     * cancelled before it was placed) is left as it is: the result is empty.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<ReservationDecision> reserve(OrderReservation reservation, List<StockLine> requested) {
        if (!reservation.isUndecided()) {
            return Optional.empty();
        }
        Map<String, StockItem> itemsBySku = lockStock(requested);
        Map<String, Integer> availableBySku = itemsBySku.values().stream()
                .collect(Collectors.toMap(StockItem::getSku, StockItem::getAvailable));
        ReservationDecision decision = ReservationRule.decide(requested, availableBySku);
        Instant now = clock.instant();
        if (decision.granted()) {
            decision.lines().forEach(line -> itemsBySku.get(line.sku()).reserve(line.quantity(), now));
            reservation.hold(decision.lines(), now);
        } else {
            reservation.reject(now);
        }
        return Optional.of(decision);
    }

    /** Gives back whatever the order holds and returns those lines; an order holds stock at most once. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<StockLine> release(OrderReservation reservation) {
        Instant now = clock.instant();
        List<StockLine> released = reservation.release(now);
        if (!released.isEmpty()) {
            Map<String, StockItem> itemsBySku = lockStock(released);
            released.forEach(line -> itemsBySku.get(line.sku()).release(line.quantity(), now));
        }
        return released;
    }

    /**
     * Locks, in SKU order, the stock rows of {@code skus} and of whatever the {@code releasing} orders hold, so
     * that the work that follows in this transaction takes no new stock lock out of order (ADR 6).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockStock(Collection<String> skus, Collection<UUID> releasing) {
        TreeSet<String> sorted = new TreeSet<>(skus);
        if (!releasing.isEmpty()) {
            sorted.addAll(stockItems.findSkusHeldBy(releasing));
        }
        if (!sorted.isEmpty()) {
            stockItems.lockAllBySkuIn(sorted);
        }
    }

    private Map<String, StockItem> lockStock(List<StockLine> lines) {
        TreeSet<String> skus = lines.stream().map(StockLine::sku).collect(Collectors.toCollection(TreeSet::new));
        return stockItems.lockAllBySkuIn(skus).stream()
                .collect(Collectors.toMap(StockItem::getSku, Function.identity()));
    }
}
