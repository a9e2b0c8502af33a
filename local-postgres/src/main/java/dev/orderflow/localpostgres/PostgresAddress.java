package dev.orderflow.localpostgres;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/** Where a PostgreSQL server is expected, and whether anything answers there. */
public record PostgresAddress(String host, int port) {

    public static final int DEFAULT_PORT = 5432;
    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    /** From a server or database URL such as {@code jdbc:postgresql://127.0.0.1:5432/} or {@code jdbc:postgresql://db/orders}. */
    public static PostgresAddress fromJdbcUrl(String jdbcUrl) {
        if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("No single host in " + jdbcUrl);
        }
        return new PostgresAddress(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
    }

    /**
     * Whether a server accepts TCP connections here within {@code timeout}. A refused or unanswered connection means
     * no server; one that answers but then refuses the login is a configuration error, left for the login to report.
     */
    public boolean answers(Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
