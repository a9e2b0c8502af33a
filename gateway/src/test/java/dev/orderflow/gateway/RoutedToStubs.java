package dev.orderflow.gateway;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of three real HTTP servers standing in for the services, with {@link TestTokens} as its
 * auth server and the real Redis at 127.0.0.1:6379 (the defaults of application.yml), reached over real HTTP. The
 * test classes that extend it share one Spring context and the stubs, which live as long as the test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@AutoConfigureTracing
@ExtendWith(OutputCaptureExtension.class)
abstract class RoutedToStubs {

    static final StubService orderService = StubService.start("order-service");
    static final StubService inventoryService = StubService.start("inventory-service");
    static final StubService notificationService = StubService.start("notification-service");

    static final TestTokens tokens = TestTokens.get();

    /** A client with every scope of the API and a rate limit far above what the tests send. */
    static final String ALL_SCOPES_CLIENT = "load-test";
    static final String ALL_SCOPES = "orders.read orders.write inventory.write";

    /** Clients of their own per test run (Redis keeps the buckets between runs), allowed 1 request/s, bursts of 3. */
    static final String SLOW_CLIENT = "slow-" + UUID.randomUUID();
    static final String OTHER_SLOW_CLIENT = "slow-" + UUID.randomUUID();

    /** The one origin allowed to call the API from a browser. */
    static final String ALLOWED_ORIGIN = "http://console.example";

    @DynamicPropertySource
    static void routeToTheStubs(DynamicPropertyRegistry registry) {
        registry.add("ORDER_SERVICE_URL", orderService::baseUrl);
        registry.add("INVENTORY_SERVICE_URL", inventoryService::baseUrl);
        registry.add("NOTIFICATION_SERVICE_URL", notificationService::baseUrl);
        registry.add("ORDERFLOW_AUTH_JWKS_URI", tokens::jwksUri);
        registry.add("ORDERFLOW_CORS_ALLOWED_ORIGINS", () -> ALLOWED_ORIGIN);
        registry.add("orderflow.gateway.rate-limits.clients." + SLOW_CLIENT + ".replenish-rate", () -> "1");
        registry.add("orderflow.gateway.rate-limits.clients." + SLOW_CLIENT + ".burst-capacity", () -> "3");
        registry.add("orderflow.gateway.rate-limits.clients." + OTHER_SLOW_CLIENT + ".replenish-rate", () -> "1");
        registry.add("orderflow.gateway.rate-limits.clients." + OTHER_SLOW_CLIENT + ".burst-capacity", () -> "3");
    }

    @Autowired
    private WebTestClient warmUpClient;

    @BeforeEach
    void resetTheStubs() {
        // The first request of a context also fetches the JWK set; tests that time their requests should not
        // measure that (a path no route takes: it reaches no service and writes no request log line).
        warmUpClient.get().uri("/api/not-routed")
                .header(HttpHeaders.AUTHORIZATION, bearer(tokens.forClient(ALL_SCOPES_CLIENT, ALL_SCOPES)))
                .exchange().expectStatus().isNotFound();
        allServices().forEach(StubService::reset);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static Stream<StubService> allServices() {
        return List.of(orderService, inventoryService, notificationService).stream();
    }

    static Stream<StubService.ReceivedRequest> everythingReceived() {
        return allServices().flatMap(service -> service.received().stream());
    }
}
