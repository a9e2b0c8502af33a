package dev.orderflow.localpostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Creates databases over JDBC, so no {@code psql} is needed. */
public final class Databases {

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private Databases() {
    }

    /** Creates each named database that does not exist yet, never touching one that does; returns those it created. */
    public static List<String> createMissing(ServerConnection server, List<String> names) throws SQLException {
        names.forEach(Databases::requirePlainName);
        List<String> created = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
                Statement statement = connection.createStatement()) {
            for (String name : names) {
                exists.setString(1, name);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        continue;
                    }
                }
                statement.execute("CREATE DATABASE \"" + name + "\"");
                created.add(name);
            }
        }
        return created;
    }

    static String requirePlainName(String name) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name (lowercase letters, digits, '_'): " + name);
        }
        return name;
    }
}
