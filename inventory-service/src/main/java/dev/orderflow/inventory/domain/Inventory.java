package dev.orderflow.inventory.domain;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The stock of every SKU and the reservations orders hold on it. */
@Service
public class Inventory {

    private final StockItems stockItems;
    private final OrderReservations reservations;
    private final Clock clock;

    public Inventory(StockItems stockItems, OrderReservations reservations, Clock clock) {
        this.stockItems = stockItems;
        this.reservations = reservations;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<StockItem> findAll() {
        return stockItems.findAll();
    }

    @Transactional(readOnly = true)
    public Optional<StockItem> find(String sku) {
        return stockItems.find(sku);
    }

    /** Creates the SKU or sets its available units; reserved units stay as they are. */
    @Transactional
    public StockItem setAvailable(String sku, int available) {
        stockItems.upsertAvailable(sku, available, clock.instant());
        return stockItems.find(sku).orElseThrow();
    }

    /**
     * Locks what a batch of events can change: first the stock rows of {@code skus} and of whatever the
     * {@code releasing} orders hold, in SKU order, so two batches sharing SKUs wait for each other instead of
     * deadlocking (ADR 6); then the stored reservations of {@code orders}, in order-id order. The lines held are
     * read again under that lock, and for the releasing orders only: the read before it took no lock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public LockedInventory lock(Set<UUID> orders, Collection<String> skus, Set<UUID> releasing) {
        TreeSet<String> sorted = new TreeSet<>(skus);
        sorted.addAll(reservations.skusHeldBy(releasing));
        return new LockedInventory(stockItems.lock(sorted), reservations.lock(orders, releasing));
    }

    /** Writes back what changed: new and changed reservations, their granted lines, and the stock that moved. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(LockedInventory locked) {
        reservations.saveChanged(locked.reservations());
        stockItems.saveChanged(locked.stock());
    }
}
