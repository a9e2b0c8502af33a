package dev.orderflow.localpostgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FallbackToEmbeddedPostgresIT {

    @Test
    void startsAnEmbeddedServerWhenTheConfiguredOneDoesNotAnswer() throws Exception {
        int closedPort = EmbeddedPostgresServer.freePort();
        Map<String, String> environment = Map.of("ORDERFLOW_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + closedPort + "/");

        ServerConnection server = TestPostgres.resolve(environment::get, Path.of("target", "it-postgres"));

        assertThat(server.throwaway()).isTrue();
        assertThat(server.address().port()).isNotEqualTo(closedPort);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), server.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW server_version")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).startsWith("15.");
        }
    }
}
