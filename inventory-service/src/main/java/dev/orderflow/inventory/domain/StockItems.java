package dev.orderflow.inventory.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The {@code stock_items} table. */
@Repository
class StockItems {

    private static final String COLUMNS = "sku, available, reserved, updated_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    StockItems(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    List<StockItem> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stock_items ORDER BY sku").query(StockItems::read).list();
    }

    Optional<StockItem> find(String sku) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stock_items WHERE sku = ?").param(sku)
                .query(StockItems::read).optional();
    }

    /** Creates the SKU or sets its available units in one statement, so two first PUTs cannot collide. */
    void upsertAvailable(String sku, int available, Instant now) {
        jdbc.sql("""
                        INSERT INTO stock_items (sku, available, reserved, updated_at) VALUES (?, ?, 0, ?)
                        ON CONFLICT (sku) DO UPDATE SET available = excluded.available, updated_at = excluded.updated_at
                        """)
                .params(sku, available, utc(now))
                .update();
    }

    /**
     * Locks the rows in SKU order: every transaction that locks several SKUs takes them in the same order,
     * so two sharing SKUs wait for each other instead of deadlocking. One array parameter, so one prepared
     * statement whatever the number of SKUs. SKUs that do not exist are simply not in the answer.
     */
    Map<String, StockItem> lock(SortedSet<String> skus) {
        Map<String, StockItem> bySku = new LinkedHashMap<>();
        if (skus.isEmpty()) {
            return bySku;
        }
        jdbc.sql("SELECT " + COLUMNS + " FROM stock_items WHERE sku = ANY(?) ORDER BY sku FOR UPDATE")
                .param(new SqlArrayValue("varchar", skus.toArray()))
                .query(StockItems::read)
                .list()
                .forEach(item -> bySku.put(item.getSku(), item));
        return bySku;
    }

    /** Writes back the rows whose units moved, in one JDBC batch. */
    void saveChanged(Collection<StockItem> items) {
        List<Object[]> rows = items.stream()
                .filter(StockItem::isChanged)
                .map(item -> new Object[] {item.getAvailable(), item.getReserved(), utc(item.getUpdatedAt()), item.getSku()})
                .toList();
        if (!rows.isEmpty()) {
            batches.batchUpdate("UPDATE stock_items SET available = ?, reserved = ?, updated_at = ? WHERE sku = ?", rows);
        }
    }

    private static StockItem read(ResultSet row, int rowNumber) throws SQLException {
        return new StockItem(row.getString("sku"), row.getInt("available"), row.getInt("reserved"),
                row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
