package dev.orderflow.testsupport;

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
 * the JVM exits, so test runs never see each other's rows (nor the local run's). The real server is used:
 * {@code ORDERFLOW_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/}) as user
 * {@code ORDERFLOW_TEST_POSTGRES_USER} (default {@code postgres}).
 *
 * <p>Use it with {@code @ContextConfiguration(initializers = FreshDatabase.class)}; every context of one
 * test run shares the same database, named after {@code spring.application.name}.
 */
public class FreshDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String SERVER_URL = env("ORDERFLOW_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = env("ORDERFLOW_TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = env("ORDERFLOW_TEST_POSTGRES_PASSWORD", "");

    private static final Map<String, String> DATABASE_BY_APPLICATION = new ConcurrentHashMap<>();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        String application = environment.getProperty("spring.application.name", "orderflow");
        String database = DATABASE_BY_APPLICATION.computeIfAbsent(application, FreshDatabase::create);
        environment.getPropertySources().addFirst(new MapPropertySource("freshDatabase", Map.of(
                "spring.datasource.url", SERVER_URL + database,
                "spring.datasource.username", USER,
                "spring.datasource.password", PASSWORD)));
    }

    /** Creates {@code <application>_test_<random>} and registers its removal at JVM exit. */
    public static String create(String application) {
        String database = application.replaceAll("[^A-Za-z0-9]", "_").toLowerCase()
                + "_test_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE DATABASE " + database);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"),
                "drop-" + database));
        return database;
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER_URL + "postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER_URL + " refused '" + sql
                    + "' (is it running? .ci/run starts it): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
