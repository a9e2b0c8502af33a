package dev.orderflow.e2e;

import dev.orderflow.localpostgres.ServerConnection;
import dev.orderflow.localpostgres.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the system under test uses, found as the services' own integration tests find theirs
 * ({@link TestPostgres}): {@code ORDERFLOW_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/}), user
 * {@code ORDERFLOW_TEST_POSTGRES_USER} (default {@code postgres}), password {@code ORDERFLOW_TEST_POSTGRES_PASSWORD};
 * when nothing answers there, an embedded PostgreSQL started once for this test JVM.
 */
public final class PostgresServer {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final ServerConnection server;

    private PostgresServer(ServerConnection server) {
        this.server = server;
    }

    public static PostgresServer fromEnvironment() {
        return new PostgresServer(TestPostgres.server());
    }

    /** A prefix no other run uses, e.g. {@code e2e_1a2b3c4d_}, for database names like {@code e2e_1a2b3c4d_orders}. */
    public static String uniquePrefix(String purpose) {
        return purpose + "_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    public String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    public String host() {
        return server.address().host();
    }

    public int port() {
        return server.address().port();
    }

    public String user() {
        return server.user();
    }

    public String password() {
        return server.password();
    }

    public void createDatabase(String name) {
        execute("CREATE DATABASE " + checked(name));
    }

    /**
     * Refuses ({@code false}) or admits new connections to {@code database}; refusing also ends the sessions it
     * has, so to its clients the database is simply gone until admitted again.
     */
    public void allowConnections(String database, boolean allowed) {
        execute("ALTER DATABASE " + checked(database) + " WITH ALLOW_CONNECTIONS " + allowed);
        if (!allowed) {
            execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + checked(database) + "'");
        }
    }

    /** Drops the database even while clients are still connected to it. */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + checked(name) + " WITH (FORCE)");
    }

    /**
     * Drops every named database, trying them all before reporting the first failure. On a throwaway embedded server,
     * which goes whole when the JVM exits (maybe before a shutdown hook gets here), it does nothing.
     */
    public void dropDatabases(List<String> names) {
        if (server.throwaway()) {
            return;
        }
        List<RuntimeException> failures = new ArrayList<>();
        for (String name : names) {
            try {
                dropDatabase(name);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server.serverUrl() + " refused '" + sql + "': " + e.getMessage(), e);
        }
    }

    private static String checked(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        return name;
    }
}
