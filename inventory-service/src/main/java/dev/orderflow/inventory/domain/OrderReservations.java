package dev.orderflow.inventory.domain;

import static dev.orderflow.inventory.domain.StockItems.utc;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The {@code order_reservations} table and the lines of each in {@code order_reservation_lines}. */
@Repository
class OrderReservations {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    OrderReservations(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** The SKUs the given orders hold stock of, read without a lock: only to know which stock rows to lock. */
    List<String> skusHeldBy(Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT sku FROM order_reservation_lines WHERE order_id = ANY(?)")
                .param(uuids(orderIds))
                .query(String.class)
                .list();
    }

    /**
     * Reads and locks the stored reservations of these orders, in order-id order, with their lines. Orders with
     * none stored yet are not in the answer.
     */
    Map<UUID, OrderReservation> lock(Set<UUID> orderIds) {
        Map<UUID, OrderReservation> byOrder = new HashMap<>();
        if (orderIds.isEmpty()) {
            return byOrder;
        }
        Map<UUID, List<StockLine>> linesByOrder = new HashMap<>();
        List<Object[]> stored = jdbc.sql("""
                        SELECT order_id, status, last_order_sequence, last_reply_sequence, created_at, updated_at
                        FROM order_reservations WHERE order_id = ANY(?) ORDER BY order_id FOR UPDATE""")
                .param(uuids(orderIds))
                .query((row, n) -> new Object[] {row.getObject(1, UUID.class), row.getString(2), row.getLong(3),
                        row.getLong(4), row.getObject(5, OffsetDateTime.class), row.getObject(6, OffsetDateTime.class)})
                .list();
        if (stored.isEmpty()) {
            return byOrder;
        }
        jdbc.sql("SELECT order_id, sku, quantity FROM order_reservation_lines WHERE order_id = ANY(?) ORDER BY order_id, sku")
                .param(uuids(stored.stream().map(row -> (UUID) row[0]).toList()))
                .query(row -> {
                    linesByOrder.computeIfAbsent(row.getObject(1, UUID.class), orderId -> new ArrayList<>())
                            .add(new StockLine(row.getString(2), row.getInt(3)));
                });
        for (Object[] row : stored) {
            UUID orderId = (UUID) row[0];
            byOrder.put(orderId, OrderReservation.stored(orderId, ReservationStatus.valueOf((String) row[1]),
                    linesByOrder.getOrDefault(orderId, List.of()), (long) row[2], (long) row[3],
                    ((OffsetDateTime) row[4]).toInstant(), ((OffsetDateTime) row[5]).toInstant()));
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

    private static SqlArrayValue uuids(Collection<UUID> ids) {
        return new SqlArrayValue("uuid", ids.toArray());
    }
}
