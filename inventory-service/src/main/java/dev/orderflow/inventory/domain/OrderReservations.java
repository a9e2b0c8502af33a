package dev.orderflow.inventory.domain;

import static dev.orderflow.inventory.domain.StockItems.utc;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The {@code order_reservations} table and the lines of each in {@code order_reservation_lines}. */
@Repository
class OrderReservations {

    private static final String LINES_OF_ORDERS = """
            SELECT ids.order_id, held.skus, held.quantities
            FROM unnest(?::uuid[]) AS ids(order_id)
            CROSS JOIN LATERAL (SELECT array_agg(sku ORDER BY sku) AS skus, array_agg(quantity ORDER BY sku) AS quantities
                                FROM order_reservation_lines l WHERE l.order_id = ids.order_id) held
            WHERE held.skus IS NOT NULL
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    OrderReservations(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** The SKUs the given orders hold stock of, read without a lock: only to know which stock rows to lock. */
    Set<String> skusHeldBy(Collection<UUID> orderIds) {
        Set<String> skus = new HashSet<>();
        if (!orderIds.isEmpty()) {
            readLines(orderIds, (orderId, line) -> skus.add(line.sku()));
        }
        return skus;
    }

    /**
     * Reads and locks the stored reservations of these orders, in order-id order. Orders with none stored yet are
     * not in the answer. Only the reservations of {@code withLines} come with their lines: the orders a batch
     * cancels, the only events that need to know what an order holds.
     */
    Map<UUID, OrderReservation> lock(Set<UUID> orderIds, Set<UUID> withLines) {
        Map<UUID, OrderReservation> byOrder = new HashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        List<Object[]> stored = jdbc.sql("""
                        SELECT order_id, status, last_order_sequence, last_reply_sequence, created_at, updated_at
                        FROM order_reservations WHERE order_id = ANY(?) ORDER BY order_id FOR UPDATE""")
                .param(uuids(orderIds))
                .query((row, n) -> new Object[] {row.getObject(1, UUID.class), row.getString(2), row.getLong(3),
                        row.getLong(4), row.getObject(5, OffsetDateTime.class), row.getObject(6, OffsetDateTime.class)})
                .list();
        List<UUID> linesToRead = stored.stream().map(row -> (UUID) row[0]).filter(withLines::contains).toList();
        Map<UUID, List<StockLine>> linesByOrder = new HashMap<>();
        if (!linesToRead.isEmpty()) {
            readLines(linesToRead,
                    (orderId, line) -> linesByOrder.computeIfAbsent(orderId, id -> new ArrayList<>()).add(line));
        }
        for (Object[] row : stored) {
            UUID orderId = (UUID) row[0];
            ReservationStatus status = ReservationStatus.valueOf((String) row[1]);
            Instant createdAt = ((OffsetDateTime) row[4]).toInstant();
            Instant updatedAt = ((OffsetDateTime) row[5]).toInstant();
            byOrder.put(orderId, withLines.contains(orderId)
                    ? OrderReservation.stored(orderId, status, linesByOrder.getOrDefault(orderId, List.of()),
                            (long) row[2], (long) row[3], createdAt, updatedAt)
                    : OrderReservation.storedWithoutLines(orderId, status, (long) row[2], (long) row[3], createdAt,
                            updatedAt));
        }
        return byOrder;
    }

    /** Inserts the opened reservations, updates the changed ones and inserts the lines granted: three JDBC batches. */
    void saveChanged(Collection<OrderReservation> reservations) {
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> lines = new ArrayList<>();
        for (OrderReservation reservation : reservations) {
            if (reservation.isOpened()) {
                inserts.add(new Object[] {reservation.getOrderId(), reservation.getStatus().name(),
                        reservation.getLastOrderSequence(), reservation.getLastReplySequence(),
                        utc(reservation.getCreatedAt()), utc(reservation.getUpdatedAt())});
            } else if (reservation.isChanged()) {
                updates.add(new Object[] {reservation.getStatus().name(), reservation.getLastOrderSequence(),
                        reservation.getLastReplySequence(), utc(reservation.getUpdatedAt()), reservation.getOrderId()});
            }
            for (StockLine line : reservation.getGrantedLines()) {
                lines.add(new Object[] {reservation.getOrderId(), line.sku(), line.quantity()});
            }
        }
        if (!inserts.isEmpty()) {
            batches.batchUpdate("""
                    INSERT INTO order_reservations
                        (order_id, status, last_order_sequence, last_reply_sequence, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)""", inserts);
        }
        if (!updates.isEmpty()) {
            batches.batchUpdate("""
                    UPDATE order_reservations
                    SET status = ?, last_order_sequence = ?, last_reply_sequence = ?, updated_at = ?
                    WHERE order_id = ?""", updates);
        }
        if (!lines.isEmpty()) {
            batches.batchUpdate("INSERT INTO order_reservation_lines (order_id, sku, quantity) VALUES (?, ?, ?)", lines);
        }
    }

    /**
     * Reads the lines of these orders, in SKU order per order, with one index probe per order. Written as a lateral
     * lookup, and planned afresh on every execution, because PostgreSQL otherwise read the whole table:
     * {@code order_id} alone is not unique there, and without statistics (autovacuum off, so no ANALYZE) the planner
     * expects each id to match 0.5 % of the rows, so {@code order_id = ANY(?)} with a few dozen ids became a full
     * scan, 620 million rows in one benchmark run. A server-side prepared statement would also keep a plan made
     * while the table was small; planning this small query once per batch costs far less.
     */
    private void readLines(Collection<UUID> orderIds, BiConsumer<UUID, StockLine> each) {
        batches.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(LINES_OF_ORDERS);
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            statement.setArray(1, connection.createArrayOf("uuid", orderIds.toArray()));
            return statement;
        }, row -> {
            UUID orderId = row.getObject(1, UUID.class);
            String[] skus = (String[]) row.getArray(2).getArray();
            Integer[] quantities = (Integer[]) row.getArray(3).getArray();
            for (int i = 0; i < skus.length; i++) {
                each.accept(orderId, new StockLine(skus[i], quantities[i]));
            }
        });
    }

    private static SqlArrayValue uuids(Collection<UUID> ids) {
        return new SqlArrayValue("uuid", ids.toArray());
    }
}
