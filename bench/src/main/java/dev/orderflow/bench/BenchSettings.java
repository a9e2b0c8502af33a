package dev.orderflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Everything a run is told: where the system is, what load to offer, for how long, and where the report goes. */
record BenchSettings(
        Target target,
        Load load,
        OrderMix mix,
        CeilingSettings ceilings,
        Path projectDir,
        Path reportDir) {

    /** The running system, the auth server its gateway trusts, and the PostgreSQL its services use. */
    record Target(String gatewayUrl, String authServerUrl, String bootstrapServers, String dbHost, int dbPort, String dbUser,
            String dbPassword, String dbPrefix) {

        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + database;
        }

        String ordersDatabase() {
            return dbPrefix + "orders";
        }

        String inventoryDatabase() {
            return dbPrefix + "inventory";
        }

        String notificationsDatabase() {
            return dbPrefix + "notifications";
        }
    }

    /** The phases of the load, in the order they run. */
    record Load(int warmUpRate, Duration warmUp, List<Integer> rates, Duration rateDuration,
            List<Integer> closedLoopWorkers, Duration closedLoopStep, Duration overload, int maxInFlight,
            Duration drainTimeout) {
    }

    /** How long each part is measured alone. */
    record CeilingSettings(long kafkaRecords, Duration pgbench, Duration gatewayWarmUp, Duration gateway,
            int gatewayWorkers) {
    }
}
