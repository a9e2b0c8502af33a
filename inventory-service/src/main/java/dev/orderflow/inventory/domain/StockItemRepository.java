package dev.orderflow.inventory.domain;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface StockItemRepository extends JpaRepository<StockItem, String> {

    List<StockItem> findAllByOrderBySkuAsc();

    /**
     * Locks the rows in SKU order: every transaction that locks several SKUs takes them in the same order,
     * so two orders sharing SKUs wait for each other instead of deadlocking.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from StockItem s where s.sku in :skus order by s.sku")
    List<StockItem> lockAllBySkuIn(@Param("skus") Collection<String> skus);

    /** The SKUs the given orders hold stock of (their reservation lines). */
    @Query(value = "select distinct sku from order_reservation_lines where order_id in (:orderIds)", nativeQuery = true)
    List<String> findSkusHeldBy(@Param("orderIds") Collection<UUID> orderIds);

    /** Creates the SKU or sets its available units in one statement, so two first PUTs cannot collide. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = """
            insert into stock_items (sku, available, reserved, updated_at) values (:sku, :available, 0, :now)
            on conflict (sku) do update set available = excluded.available, updated_at = excluded.updated_at
            """, nativeQuery = true)
    void upsertAvailable(@Param("sku") String sku, @Param("available") int available, @Param("now") Instant now);
}
