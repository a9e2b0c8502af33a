package dev.orderflow.localpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A real PostgreSQL from the Maven artifacts, as this machine's user (root on CI) starts it. */
class EmbeddedPostgresServerIT {

    private final Path folder = Path.of("target", "it-postgres", UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();

    @Test
    void runsAsAnotherUserThanRootAsAChildOfThisJvmOnLoopbackOnly() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startThrowaway(folder.resolve("data"),
                EmbeddedPostgresServer.freePort(), folder.resolve("postgres.log"))) {
            assertThat(server.version()).startsWith("15.");
            assertThat(uidOf(server.process())).as("uid the postmaster runs as").isNotZero();
            assertThat(server.process().parent().map(ProcessHandle::pid)).contains(ProcessHandle.current().pid());
            assertThat(show(server, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(server, "unix_socket_directories")).isEmpty();
            assertThat(query(server, "postgres", "SELECT version()")).startsWith("PostgreSQL " + server.version());
        }
        assertThat(folder.resolve("data")).doesNotExist();
    }

    @Test
    void keepsItsDataAcrossRestarts() throws Exception {
        Path data = folder.resolve("kept");
        int port = EmbeddedPostgresServer.freePort();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startKeepingData(data, port, folder.resolve("kept.log"))) {
            assertThat(Databases.createMissing(server.connection(), List.of("orders", "inventory"))).containsExactly("orders", "inventory");
            execute(server, "orders", "CREATE TABLE orders (id int PRIMARY KEY)", "INSERT INTO orders VALUES (42)");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startKeepingData(data, port, folder.resolve("kept.log"))) {
            assertThat(Databases.createMissing(server.connection(), List.of("orders", "inventory", "notifications")))
                    .containsExactly("notifications");
            assertThat(query(server, "orders", "SELECT id FROM orders")).isEqualTo("42");
        } finally {
            PostgresBinaries.deleteRecursively(data);
        }
    }

    @Test
    void stopsWhenTheJvmThatStartedItIsKilled() throws Exception {
        Path data = folder.resolve("orphan");
        int port = EmbeddedPostgresServer.freePort();
        Path log = folder.resolve("orphan.log");
        Files.createDirectories(folder);
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalPostgres.class.getName(), "run-embedded", data.toString(),
                Integer.toString(port), "orders")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await("the launcher's ready line").atMost(Duration.ofMinutes(1))
                    .until(() -> Files.readString(log).contains(" is ready"));
            ProcessHandle postmaster = launcher.toHandle().children().findFirst().orElseThrow();
            assertThat(new PostgresAddress("127.0.0.1", port).answers(Duration.ofSeconds(2))).isTrue();

            launcher.destroyForcibly().waitFor();

            await("postmaster gone after SIGKILL of its JVM").atMost(Duration.ofSeconds(30)).until(() -> !postmaster.isAlive());
            assertThat(new PostgresAddress("127.0.0.1", port).answers(Duration.ofSeconds(2))).isFalse();
        } finally {
            launcher.destroyForcibly();
            PostgresBinaries.deleteRecursively(data);
        }
    }

    private static int uidOf(ProcessHandle process) throws IOException {
        // "Uid:\t<real>\t<effective>\t<saved>\t<filesystem>"
        String uidLine = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow();
        return Integer.parseInt(uidLine.split("\\s+")[1]);
    }

    private static String show(EmbeddedPostgresServer server, String setting) throws SQLException {
        return query(server, "postgres", "SHOW " + setting);
    }

    private static String query(EmbeddedPostgresServer server, String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), EmbeddedPostgresServer.SUPERUSER, "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static void execute(EmbeddedPostgresServer server, String database, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(database), EmbeddedPostgresServer.SUPERUSER, "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
