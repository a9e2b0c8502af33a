package dev.orderflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Bad input at the door (CONTRACT.md, "Security"): every request that is refused gets its problem details and
 * reaches no service.
 */
class FrontDoorIT extends RoutedToStubs {

    private static final String ORDER = "/api/orders/7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e";

    @Autowired
    private WebTestClient client;

    @ParameterizedTest
    @CsvSource({
            "POST, /api/orders",
            "GET, /api/orders",
            "GET, " + ORDER,
            "POST, " + ORDER + "/cancel",
            "GET, /api/notifications?orderId=7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e",
            "PUT, /api/inventory/SKU-001",
            "POST, /api/inventory/SKU-001",
            "GET, /api/inventory/SKU-001/history",
            "GET, /api/unknown" })
    void refusesARequestWithoutAToken(String method, String path) {
        GatewayIT.expectProblem(request(method, path).exchange()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer"), 401);

        assertThat(everythingReceived()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "malformed", "empty", "signed by another key", "alg none", "HS256 with the public key", "tampered",
            "expired", "another issuer" })
    void refusesAnInvalidToken(String kind) {
        String token = badToken(kind);

        GatewayIT.expectProblem(client.post().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                        value -> assertThat(value).startsWith("Bearer error=\"invalid_token\"")), 401);

        assertThat(everythingReceived()).isEmpty();
    }

    @Test
    void refusesAnInvalidTokenEvenOnAPublicRoute() {
        GatewayIT.expectProblem(client.get().uri("/api/inventory")
                .header(HttpHeaders.AUTHORIZATION, bearer(tokens.expired("storefront", "orders.read"))).exchange(), 401);

        assertThat(everythingReceived()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /api/orders, orders.read, orders.write",
            "POST, " + ORDER + "/cancel, orders.read, orders.write",
            "GET, /api/orders, orders.write, orders.read",
            "GET, " + ORDER + ", orders.write, orders.read",
            "GET, /api/notifications?orderId=7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e, orders.write, orders.read",
            "PUT, /api/inventory/SKU-001, orders.read orders.write, inventory.write" })
    void refusesATokenWithoutTheScopeTheRouteNeeds(String method, String path, String scopes, String needed) {
        GatewayIT.expectProblem(request(method, path)
                .header(HttpHeaders.AUTHORIZATION, bearer(tokens.forClient("storefront", scopes))).exchange()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer error=\"insufficient_scope\", scope=\"" + needed + "\""), 403)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(needed, "storefront"));

        assertThat(everythingReceived()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /api/orders, orders.write, order-service",
            "POST, " + ORDER + "/cancel, orders.write, order-service",
            "GET, /api/orders?customerId=c-42, orders.read, order-service",
            "GET, " + ORDER + ", orders.read, order-service",
            "GET, /api/notifications?orderId=7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e, orders.read, notification-service",
            "PUT, /api/inventory/SKU-001, inventory.write, inventory-service",
            "POST, /api/inventory/SKU-001, dead-letters, inventory-service" })
    void passesARequestWhoseTokenHasTheScopeItNeeds(String method, String path, String scope, String service) {
        request(method, path).header(HttpHeaders.AUTHORIZATION, bearer(tokens.forClient("back-office", scope)))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.servedBy").isEqualTo(service);

        assertThat(everythingReceived()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({ "/api/inventory", "/api/inventory/SKU-001" })
    void servesTheInventoryToAnyoneWithoutAToken(String path) {
        client.get().uri(path).exchange().expectStatus().isOk();

        assertThat(inventoryService.onlyRequest().header("X-Client-Id")).isNull();
    }

    @ParameterizedTest
    @CsvSource({ "/api/orders", "/api/inventory" })
    void refusesATokenInTheQueryString(String path) {
        String token = tokens.forClient(ALL_SCOPES_CLIENT, ALL_SCOPES);

        GatewayIT.expectProblem(client.get().uri(path + "?access_token=" + token).exchange()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                        value -> assertThat(value).startsWith("Bearer error=\"invalid_request\"")), 400);

        assertThat(everythingReceived()).isEmpty();
    }

    @Test
    void refusesHeadersOverTheLimit() {
        GatewayIT.expectProblem(client.get().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(tokens.forClient(ALL_SCOPES_CLIENT, ALL_SCOPES)))
                .header("X-Padding", "x".repeat(20 * 1024)).exchange(), 431);

        assertThat(everythingReceived()).isEmpty();
    }

    @Test
    void refusesHeadersOverTheServersOwnLimitWithoutForwardingThem() {
        client.get().uri("/api/inventory").header("X-Padding", "x".repeat(100 * 1024)).exchange()
                .expectStatus().isEqualTo(431);

        assertThat(everythingReceived()).isEmpty();
    }

    @Test
    void passesTheClientIdToTheServiceButNotTheTokenNorAClientIdTheCallerMadeUp() {
        client.get().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(tokens.forClient("storefront", "orders.read")))
                .header("X-Client-Id", "back-office")
                .exchange().expectStatus().isOk();

        StubService.ReceivedRequest received = orderService.onlyRequest();
        assertThat(received.headers().get("X-Client-Id")).containsExactly("storefront");
        assertThat(received.header(HttpHeaders.AUTHORIZATION)).isNull();
    }

    @Test
    void dropsAClientIdSentWithoutAToken() {
        client.get().uri("/api/inventory").header("X-Client-Id", "back-office").exchange().expectStatus().isOk();

        assertThat(inventoryService.onlyRequest().header("X-Client-Id")).isNull();
    }

    @Test
    void logsTheClientIdAndNeverTheToken(CapturedOutput output) {
        String traceId = "9a1f7c3e5b2d4f6a8c0e1b3d5f7a9c2e";
        String token = tokens.forClient("storefront", "orders.read orders.write");

        client.post().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange().expectStatus().isOk();
        client.get().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer(token + "x")).exchange()
                .expectStatus().isUnauthorized();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains(traceId)))
                .singleElement().asString().contains("POST /api/orders -> 200 order-service").endsWith("client=storefront"));
        assertThat(output.getAll()).doesNotContain(token.substring(token.lastIndexOf('.')));
    }

    @ParameterizedTest
    @CsvSource({ "GET, /api/inventory, 200", "GET, /api/orders, 401", "GET, /nothing, 404",
            "GET, /api/orders/../../actuator/health, 400" })
    void putsSecurityHeadersOnEveryAnswer(String method, String path, int status) {
        request(method, path).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Content-Security-Policy", SecurityHeadersFilter.CONTENT_SECURITY_POLICY)
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer");
    }

    @Test
    void answersAPreflightFromAnAllowedOriginWithoutForwardingIt() {
        client.options().uri("/api/orders")
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .expectHeader().value("Access-Control-Allow-Methods", methods -> assertThat(methods).contains("POST"));

        assertThat(everythingReceived()).isEmpty();
    }

    @Test
    void refusesACrossOriginRequestFromAnotherOrigin() {
        client.options().uri("/api/orders")
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist("Access-Control-Allow-Origin");
        client.get().uri("/api/inventory").header("Origin", "http://evil.example").exchange()
                .expectStatus().isForbidden();

        assertThat(everythingReceived()).isEmpty();
    }

    private WebTestClient.RequestBodySpec request(String method, String path) {
        return client.method(HttpMethod.valueOf(method)).uri(path);
    }

    private String badToken(String kind) {
        String client = "storefront";
        String scopes = "orders.read orders.write";
        BiFunction<String, String, String> maker = switch (kind) {
            case "malformed" -> (id, scope) -> "not.a.jwt";
            case "empty" -> (id, scope) -> "e30.e30.";
            case "signed by another key" -> tokens::signedByAnotherKey;
            case "alg none" -> tokens::unsigned;
            case "HS256 with the public key" -> tokens::hmacWithThePublicKey;
            case "tampered" -> tokens::tampered;
            case "expired" -> tokens::expired;
            case "another issuer" -> tokens::fromAnotherIssuer;
            default -> throw new IllegalArgumentException(kind);
        };
        return maker.apply(client, scopes);
    }
}
