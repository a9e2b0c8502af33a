package dev.orderflow.gateway;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in front of three real HTTP servers standing in for the services, with {@link TestTokens} as its
 * auth server and the real Redis at 127.0.0.1:6379 (the defaults of application.yml), reached over real HTTP. The
 * test classes that extend it share one Spring context and the stubs, which live as long as the test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
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

    /** A client of its own per test run (Redis keeps the buckets between runs), allowed 1 request/s, bursts of 3. */
    static final String SLOW_CLIENT = "slow-" + UUID.randomUUID();

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
    }

    @BeforeEach
    void resetTheStubs() {
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
