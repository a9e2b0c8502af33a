package dev.orderflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

import dev.orderflow.gateway.StubService.Reply;

/**
 * Routing, tracing, limits and errors through the gateway, each request with a valid token of a client that has
 * every scope (the checks of the token itself are in {@link FrontDoorIT}).
 */
class GatewayIT extends RoutedToStubs {

    private static final int KIB = 1024;

    /** With a token of {@link #ALL_SCOPES_CLIENT}. */
    private WebTestClient client;

    @Autowired
    private WebTestClient anonymous;

    @LocalServerPort
    private int port;

    @BeforeEach
    void signIn() {
        client = anonymous.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, bearer(tokens.forClient(ALL_SCOPES_CLIENT, ALL_SCOPES)))
                .build();
    }

    @Test
    void continuesTheClientsTraceToTheService() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        client.get().uri("/api/orders").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk();

        String forwarded = orderService.onlyRequest().header("traceparent");
        assertThat(forwarded).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(forwarded.split("-")[1]).isEqualTo(traceId);
        assertThat(forwarded.split("-")[2]).as("the gateway's own span").isNotEqualTo("00f067aa0ba902b7");
    }

    @Test
    void logsEachRoutedRequestWithItsTraceId(CapturedOutput output) {
        String traceId = "5af7183fb1d4cf5f0b5e4ae6a4c3f2d1";

        client.post().uri("/api/orders").header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isOk();

        // Logged as the response completes, which the client may see first.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains(traceId)))
                .singleElement().asString().contains("POST /api/orders -> 200 order-service"));
    }

    @Test
    void startsATraceForAClientThatSentNone() {
        anonymous.get().uri("/api/inventory").exchange().expectStatus().isOk();

        assertThat(inventoryService.onlyRequest().header("traceparent"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotStartWith("00-00000000000000000000000000000000");
    }

    @ParameterizedTest
    @CsvSource({
            "/api/orders, order-service",
            "/api/orders/7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e, order-service",
            "/api/orders?customerId=c-42&status=PENDING&page=0&size=20, order-service",
            "/api/inventory, inventory-service",
            "/api/inventory/SKU-001, inventory-service",
            "/api/inventory/SKU.v2..., inventory-service",
            "/api/notifications?orderId=7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e, notification-service" })
    void routesEachPrefixToItsServiceWithThePathUnchanged(String pathAndQuery, String serviceName) {
        client.get().uri(pathAndQuery).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.servedBy").isEqualTo(serviceName);

        StubService service = serviceNamed(serviceName);
        assertThat(service.onlyRequest().pathAndQuery()).isEqualTo(pathAndQuery);
        assertThat(allServices().filter(other -> other != service).flatMap(other -> other.received().stream()))
                .isEmpty();
    }

    @Test
    void passesMethodHeadersAndBodyToTheServiceAndItsAnswerBack() {
        String order = """
                {"customerId":"c-42","items":[{"sku":"SKU-001","quantity":2}]}""";
        String accepted = """
                {"orderId":"7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e","status":"PENDING"}""";
        orderService.replyWith(new Reply(202, Map.of(
                "Location", "/api/orders/7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e",
                "Content-Type", "application/json"), accepted));

        client.post().uri("/api/orders")
                .header("Idempotency-Key", "checkout-2026-11-26-0001")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(order)
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueEquals("Location", "/api/orders/7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo(accepted);

        StubService.ReceivedRequest received = orderService.onlyRequest();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.pathAndQuery()).isEqualTo("/api/orders");
        assertThat(received.header("Idempotency-Key")).isEqualTo("checkout-2026-11-26-0001");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(order);
    }

    @Test
    void passesAPutToTheInventoryService() {
        client.put().uri("/api/inventory/SKU-001")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"available\":100}")
                .exchange()
                .expectStatus().isOk();

        StubService.ReceivedRequest received = inventoryService.onlyRequest();
        assertThat(received.method()).isEqualTo("PUT");
        assertThat(received.pathAndQuery()).isEqualTo("/api/inventory/SKU-001");
        assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo("{\"available\":100}");
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 404, 409, 500, 503 })
    void passesTheServicesOwnErrorsThroughUntouched(int status) {
        String problem = "{\"type\":\"about:blank\",\"title\":\"From the service\",\"status\":" + status
                + ",\"detail\":\"Order 7f1c is already CANCELLED\"}";
        orderService.replyWith(new Reply(status, Map.of("Content-Type", "application/problem+json"), problem));

        client.post().uri("/api/orders/7f1c2d9e-0b1a-4c55-9d7e-3f0a1b2c3d4e/cancel").exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).isEqualTo(problem);
    }

    @Test
    void answersServiceUnavailableWithinFiveSecondsNamingTheServiceWhenItDoesNotAnswer(CapturedOutput output) {
        inventoryService.stall();
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        long started = System.nanoTime();

        expectProblem(client.get().uri("/api/inventory").header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .exchange().expectHeader().valueEquals("Retry-After", "10"), 503)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("inventory-service"));

        // The route's time limit (4 s), not the HTTP client's response timeout: CONTRACT.md says within 5 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains(traceId)))
                .anyMatch(line -> line.contains("inventory-service did not answer in time"))
                .anyMatch(line -> line.contains("GET /api/inventory -> 503 inventory-service")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/unknown", "/api/ordersx", "/api", "/nothing", "/" })
    void answersNotFoundForAPathThatIsNotRouted(String path) {
        expectProblem(client.get().uri(path).exchange(), 404)
                .jsonPath("$.instance").isEqualTo(path);

        assertThat(everythingReceived()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({ "60, 200", "64, 200", "65, 413" })
    void limitsABodyOfDeclaredLength(int kibibytes, int expectedStatus) {
        byte[] body = bodyOf(kibibytes * KIB);

        WebTestClient.ResponseSpec response = client.post().uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .contentLength(body.length)
                .bodyValue(body)
                .exchange();

        assertForwardedOrRefused(response, body, expectedStatus);
    }

    @ParameterizedTest
    @CsvSource({ "60, 200", "64, 200", "65, 413", "1024, 413" })
    void limitsAStreamedBodyOfUnknownLength(int kibibytes, int expectedStatus) {
        byte[] body = bodyOf(kibibytes * KIB);
        Flux<DataBuffer> chunks = Flux.range(0, kibibytes)
                .map(index -> DefaultDataBufferFactory.sharedInstance.wrap(Arrays.copyOfRange(body, index * KIB,
                        (index + 1) * KIB)));

        WebTestClient.ResponseSpec response = client.post().uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(chunks))
                .exchange();

        assertForwardedOrRefused(response, body, expectedStatus);
    }

    private void assertForwardedOrRefused(WebTestClient.ResponseSpec response, byte[] body, int expectedStatus) {
        if (expectedStatus == 200) {
            response.expectStatus().isOk();
            assertThat(orderService.onlyRequest().body()).isEqualTo(body);
        }
        else {
            expectProblem(response, expectedStatus);
            assertThat(orderService.received()).isEmpty();
        }
    }

    /**
     * Written raw on a socket so that no client tidies the path first. A service resolves dot segments
     * (Tomcat turns {@code /api/orders/../../actuator/health} into {@code /actuator/health}), so such a
     * request must not reach one at all.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "/api/orders/../../actuator/health",
            "/api/orders/../actuator/health",
            "/api/../actuator/health",
            "/api/inventory/%2e%2e/%2e%2e/actuator/health",
            "/api/inventory/%2E%2E/%2E%2E/actuator/env",
            "/api/notifications/..%2f..%2factuator/health",
            "/api/notifications/..%5c..%5cactuator/health",
            "/api/orders/..;/..;/actuator/health",
            "/api/orders/./../../actuator/health" })
    void keepsTheServicesActuatorsOutOfReach(String path) throws IOException {
        int status = rawGet(path);

        assertThat(status).isBetween(400, 499);
        assertThat(everythingReceived()).isEmpty();
    }

    @Test
    void reportsItsOwnHealth() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator", "/actuator/env", "/actuator/gateway/routes", "/actuator/beans" })
    void exposesNoOtherActuatorEndpoint(String path) {
        expectProblem(client.get().uri(path).exchange(), 404);
    }

    static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("about:blank")
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.detail").isNotEmpty();
    }

    private int rawGet(String rawPath) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            // "HTTP/1.1 404 Not Found"
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    private static byte[] bodyOf(int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) ('a' + i % 26);
        }
        return body;
    }

    private static StubService serviceNamed(String name) {
        return switch (name) {
            case "order-service" -> orderService;
            case "inventory-service" -> inventoryService;
            case "notification-service" -> notificationService;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
