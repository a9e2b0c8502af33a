package dev.orderflow.localpostgres;

/**
 * How to reach a PostgreSQL server as a user allowed to create databases. {@code serverUrl} ends with a slash, so
 * {@link #jdbcUrl(String)} is that URL plus a database name. {@code throwaway} is a server whose whole data
 * directory goes when the JVM exits: dropping its databases one by one is pointless then.
 */
public record ServerConnection(String serverUrl, String user, String password, boolean throwaway) {

    public ServerConnection {
        serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
    }

    public String jdbcUrl(String database) {
        return serverUrl + database;
    }

    public PostgresAddress address() {
        return PostgresAddress.fromJdbcUrl(serverUrl);
    }
}
