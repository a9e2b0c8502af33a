package dev.orderflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway with every service down. Two refuse the connection: their ports were open a moment ago and
 * are closed now. The third has a host name that does not resolve, as in Compose while a service's
 * container is gone ({@code .invalid} never resolves, RFC 2606).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class ServiceUnavailableIT {

    @DynamicPropertySource
    static void routeToServicesThatAreDown(DynamicPropertyRegistry registry) {
        registry.add("ORDER_SERVICE_URL", ServiceUnavailableIT::urlOfAClosedPort);
        registry.add("INVENTORY_SERVICE_URL", ServiceUnavailableIT::urlOfAClosedPort);
        registry.add("NOTIFICATION_SERVICE_URL", () -> "http://notification-service.invalid:8083");
    }

    @Autowired
    private WebTestClient client;

    @ParameterizedTest
    @CsvSource({
            "/api/orders, order-service",
            "/api/inventory/SKU-001, inventory-service",
            "/api/notifications?orderId=7f1c, notification-service" })
    void answersServiceUnavailableNamingTheServiceThatIsDown(String path, String serviceName) {
        GatewayIT.expectProblem(client.get().uri(path).exchange(), 503)
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(serviceName));
    }

    private static String urlOfAClosedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
