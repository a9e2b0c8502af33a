package dev.orderflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway with every service down. order-service dies under each request (the connection is accepted, then
 * closed without an answer). inventory-service refuses the connection: its port was open a moment ago and is
 * closed now; its circuit breaker opens after 4 calls here. notification-service has a host name that does not
 * resolve, as in Compose while a service's container is gone ({@code .invalid} never resolves, RFC 2606).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "resilience4j.circuitbreaker.configs.inventory-service.sliding-window-size=4",
        "resilience4j.circuitbreaker.configs.inventory-service.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.configs.inventory-service.failure-rate-threshold=50",
        "resilience4j.circuitbreaker.configs.inventory-service.wait-duration-in-open-state=60s" })
@AutoConfigureWebTestClient(timeout = "30s")
class ServiceUnavailableIT {

    private static final DroppingService orderService = DroppingService.start();

    private static boolean warmedUp;

    @DynamicPropertySource
    static void routeToServicesThatAreDown(DynamicPropertyRegistry registry) {
        registry.add("ORDER_SERVICE_URL", orderService::baseUrl);
        registry.add("INVENTORY_SERVICE_URL", ServiceUnavailableIT::urlOfAClosedPort);
        registry.add("NOTIFICATION_SERVICE_URL", () -> "http://notification-service.invalid:8083");
        registry.add("ORDERFLOW_AUTH_JWKS_URI", TestTokens.get()::jwksUri);
    }

    @Autowired
    private WebTestClient anonymous;

    @Autowired
    private MeterRegistry meterRegistry;

    private WebTestClient client;

    @BeforeEach
    void signIn() {
        client = anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION,
                "Bearer " + TestTokens.get().forClient("load-test", "orders.read orders.write inventory.write"))
                .build();
        if (!warmedUp) {
            // The first routed request of a context also fetches the JWK set, connects to Redis and loads what a
            // route needs, which takes seconds on a busy machine; the timings below are about the services.
            // notification-service's breaker counts one more failure, far from its minimum of 10 calls.
            client.get().uri("/api/notifications?orderId=warm-up").exchange().expectStatus().isEqualTo(503);
            warmedUp = true;
        }
        orderService.reset();
    }

    @ParameterizedTest
    @CsvSource({
            "/api/orders, order-service",
            "/api/inventory/SKU-001, inventory-service",
            "/api/notifications?orderId=7f1c, notification-service" })
    void answersServiceUnavailableNamingTheServiceThatIsDown(String path, String serviceName) {
        long started = System.nanoTime();

        GatewayIT.expectProblem(client.get().uri(path).exchange()
                .expectHeader().valueEquals("Retry-After", "10"), 503)
                .jsonPath("$.title").isEqualTo("Service Unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(serviceName));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void retriesAnIdempotentRequestTwiceAndAPostWithoutIdempotencyKeyNever() {
        GatewayIT.expectProblem(client.get().uri("/api/orders/7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e").exchange(), 503);
        assertThat(orderService.requests()).as("GET: one try and two retries").isEqualTo(3);

        orderService.reset();
        GatewayIT.expectProblem(client.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"customerId\":\"c-42\"}").exchange(), 503);
        assertThat(orderService.requests()).as("POST without Idempotency-Key: sent once").isEqualTo(1);

        orderService.reset();
        GatewayIT.expectProblem(client.post().uri("/api/orders").header("Idempotency-Key", "k-1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"customerId\":\"c-42\"}").exchange(), 503);
        assertThat(orderService.requests()).as("POST with Idempotency-Key: retried").isEqualTo(3);

        orderService.reset();
        GatewayIT.expectProblem(client.post().uri("/api/orders/7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e/cancel")
                .exchange(), 503);
        assertThat(orderService.requests()).as("cancel without Idempotency-Key: sent once").isEqualTo(1);
    }

    @Test
    void opensTheCircuitOfAServiceThatKeepsFailingAndThenAnswersAtOnce() {
        for (int call = 0; call < 4; call++) {
            GatewayIT.expectProblem(client.get().uri("/api/inventory/SKU-00" + call).exchange(), 503);
        }

        GatewayIT.expectProblem(client.get().uri("/api/inventory/SKU-009").exchange()
                .expectHeader().valueEquals("Retry-After", "10"), 503)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("inventory-service").contains("circuit breaker open"));
        assertThat(meterRegistry.get("resilience4j.circuitbreaker.state")
                .tag("name", "inventory-service").tag("state", "open").gauge().value()).isEqualTo(1.0);
        assertThat(meterRegistry.get("resilience4j.circuitbreaker.not.permitted.calls")
                .tag("name", "inventory-service").counter().count()).isGreaterThanOrEqualTo(1.0);
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
