package dev.orderflow.localpostgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPostgresTests {

    @TempDir
    Path embeddedFolder;

    @Test
    void usesTheConfiguredServerWhenItAnswers() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.getLocalPort() + "/";
            Map<String, String> environment = Map.of("ORDERFLOW_TEST_POSTGRES_URL", url,
                    "ORDERFLOW_TEST_POSTGRES_USER", "alice", "ORDERFLOW_TEST_POSTGRES_PASSWORD", "secret");

            assertThat(TestPostgres.resolve(environment::get, embeddedFolder))
                    .isEqualTo(new ServerConnection(url, "alice", "secret", false));
        }
        assertThat(embeddedFolder).isEmptyDirectory();
    }

    @Test
    void keepsTheConfiguredServerWhenToldNeverToEmbedOne() throws IOException {
        int closedPort = EmbeddedPostgresServer.freePort();
        Map<String, String> environment = Map.of("ORDERFLOW_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + closedPort,
                EmbeddedPostgresMode.VARIABLE, "never");

        assertThat(TestPostgres.resolve(environment::get, embeddedFolder))
                .isEqualTo(new ServerConnection("jdbc:postgresql://127.0.0.1:" + closedPort + "/", "postgres", "", false));
        assertThat(embeddedFolder).isEmptyDirectory();
    }
}
