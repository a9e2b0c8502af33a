package dev.orderflow.bench;

import dev.orderflow.bench.BenchSettings.Target;
import dev.orderflow.bench.OrderMix.Line;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the three services' databases hold about this run, read once when the system is quiet. Reading the tables
 * directly, not through the API: checking every order through the API would take hundreds of thousands of requests.
 */
record SystemSnapshot(Map<UUID, String> statuses, Map<UUID, List<Line>> lines, Map<String, Stock> stock,
        Map<UUID, List<Notification>> notifications) {

    record Stock(int available, int reserved) {
    }

    record Notification(UUID eventId, String eventType, long sequence, long createdAtEpochMicros) {
    }

    static SystemSnapshot read(Target target, OrderMix mix) throws SQLException {
        String customers = mix.customerPrefix() + "%";
        Map<UUID, String> statuses = new HashMap<>();
        Map<UUID, List<Line>> lines = new HashMap<>();
        try (Connection orders = connect(target, target.ordersDatabase())) {
            query(orders, "SELECT order_id, status FROM orders WHERE customer_id LIKE ?", customers,
                    row -> statuses.put(row.getObject(1, UUID.class), row.getString(2)));
            query(orders, """
                    SELECT l.order_id, l.sku, l.quantity FROM order_lines l JOIN orders o ON o.order_id = l.order_id
                    WHERE o.customer_id LIKE ? ORDER BY l.order_id, l.line_no""", customers,
                    row -> lines.computeIfAbsent(row.getObject(1, UUID.class), any -> new ArrayList<>())
                            .add(new Line(row.getString(2), row.getInt(3))));
        }
        Map<String, Stock> stock = new TreeMap<>();
        try (Connection inventory = connect(target, target.inventoryDatabase())) {
            query(inventory, "SELECT sku, available, reserved FROM stock_items WHERE sku LIKE ?", mix.skuPrefix() + "%",
                    row -> stock.put(row.getString(1), new Stock(row.getInt(2), row.getInt(3))));
        }
        Map<UUID, List<Notification>> notifications = new HashMap<>();
        try (Connection notification = connect(target, target.notificationsDatabase())) {
            // Creation order, not sequence order: a notification written out of order must show as such.
            query(notification, """
                    SELECT order_id, event_id, event_type, sequence, created_at FROM notifications
                    WHERE customer_id LIKE ? ORDER BY order_id, created_at, sequence""", customers,
                    row -> notifications.computeIfAbsent(row.getObject(1, UUID.class), any -> new ArrayList<>())
                            .add(new Notification(row.getObject(2, UUID.class), row.getString(3), row.getLong(4),
                                    BenchClock.epochMicros(row.getObject(5, OffsetDateTime.class).toInstant()))));
        }
        return new SystemSnapshot(statuses, lines, stock, notifications);
    }

    static Connection connect(Target target, String database) throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl(database), target.dbUser(), target.dbPassword());
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection connection, String sql, String parameter, RowReader reader) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.setFetchSize(10_000);
            connection.setAutoCommit(false);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
            connection.commit();
        }
    }
}
