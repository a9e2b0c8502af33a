package dev.orderflow.localpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresAddressTests {

    @Test
    void readsHostAndPortFromServerAndDatabaseUrls() {
        assertThat(PostgresAddress.fromJdbcUrl("jdbc:postgresql://127.0.0.1:5999/")).isEqualTo(new PostgresAddress("127.0.0.1", 5999));
        assertThat(PostgresAddress.fromJdbcUrl("jdbc:postgresql://db.example:6543/orders?ssl=true"))
                .isEqualTo(new PostgresAddress("db.example", 6543));
        assertThat(PostgresAddress.fromJdbcUrl("jdbc:postgresql://localhost/")).isEqualTo(new PostgresAddress("localhost", 5432));
    }

    @Test
    void refusesWhatIsNotAPostgresqlUrlWithOneHost() {
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresAddress.fromJdbcUrl("jdbc:mysql://127.0.0.1:3306/"));
        assertThatIllegalArgumentException().isThrownBy(() -> PostgresAddress.fromJdbcUrl("jdbc:postgresql:///orders"));
    }

    @Test
    void answersWhileSomethingListensAndNotOnceItHasGone() throws IOException {
        PostgresAddress address;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            address = new PostgresAddress("127.0.0.1", server.getLocalPort());
            assertThat(address.answers(Duration.ofSeconds(2))).isTrue();
        }
        assertThat(address.answers(Duration.ofSeconds(2))).isFalse();
    }
}
