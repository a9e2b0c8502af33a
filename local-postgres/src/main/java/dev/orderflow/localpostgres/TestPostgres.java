package dev.orderflow.localpostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The PostgreSQL server of a test JVM: {@code ORDERFLOW_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/}) as {@code ORDERFLOW_TEST_POSTGRES_USER} (default {@code postgres}) with
 * {@code ORDERFLOW_TEST_POSTGRES_PASSWORD}, when it answers. When it does not (or {@code ORDERFLOW_EMBEDDED_POSTGRES=always}),
 * an embedded PostgreSQL, started once per JVM with a throwaway data directory under {@code target/embedded-postgres/}
 * and stopped when the JVM exits. {@code ORDERFLOW_EMBEDDED_POSTGRES=never} keeps the configured server whatever happens.
 */
public final class TestPostgres {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static ServerConnection server;

    private TestPostgres() {
    }

    public static synchronized ServerConnection server() {
        if (server == null) {
            server = resolve(System::getenv, Path.of("target", "embedded-postgres"));
        }
        return server;
    }

    static ServerConnection resolve(UnaryOperator<String> environment, Path embeddedFolder) {
        ServerConnection configured = new ServerConnection(
                valueOr(environment.apply("ORDERFLOW_TEST_POSTGRES_URL"), "jdbc:postgresql://127.0.0.1:5432/"),
                valueOr(environment.apply("ORDERFLOW_TEST_POSTGRES_USER"), "postgres"),
                valueOr(environment.apply("ORDERFLOW_TEST_POSTGRES_PASSWORD"), ""),
                false);
        EmbeddedPostgresMode mode = EmbeddedPostgresMode.parse(environment.apply(EmbeddedPostgresMode.VARIABLE));
        boolean answers = mode == EmbeddedPostgresMode.AUTO && configured.address().answers(PROBE_TIMEOUT);
        if (!mode.startsEmbedded(answers)) {
            return configured;
        }
        String reason = mode == EmbeddedPostgresMode.ALWAYS ? EmbeddedPostgresMode.VARIABLE + "=always"
                : "no PostgreSQL answers at " + configured.address();
        String name = "test-" + UUID.randomUUID().toString().substring(0, 8);
        Path folder = embeddedFolder.toAbsolutePath();
        try {
            EmbeddedPostgresServer embedded = EmbeddedPostgresServer.startThrowaway(folder.resolve(name),
                    EmbeddedPostgresServer.freePort(), folder.resolve(name + ".log"));
            System.out.println(reason + "; started an embedded PostgreSQL " + embedded.version() + " on port "
                    + embedded.port() + ", data in " + embedded.dataDirectory() + " (gone when this JVM exits)");
            return embedded.connection();
        } catch (IOException e) {
            throw new UncheckedIOException(reason + ", and the embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
