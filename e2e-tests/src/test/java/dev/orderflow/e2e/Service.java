package dev.orderflow.e2e;

import java.util.Optional;

/** The applications: module name (= application name = consumer group of those with listeners) and, for those that have one, their database. */
public enum Service {

    ORDER_SERVICE("order-service", "orders"),
    INVENTORY_SERVICE("inventory-service", "inventory"),
    NOTIFICATION_SERVICE("notification-service", "notifications"),
    GATEWAY("gateway", null),
    AUTH_SERVER("auth-server", null);

    private final String module;
    private final String database;

    Service(String module, String database) {
        this.module = module;
        this.database = database;
    }

    public String module() {
        return module;
    }

    /** The consumer group id of the service's listeners, which is its application name. */
    public String consumerGroup() {
        return module;
    }

    /** The base name of the service's database ({@code orders}, …), empty for the gateway. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }
}
