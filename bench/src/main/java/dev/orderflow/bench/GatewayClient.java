package dev.orderflow.bench;

import dev.orderflow.bench.OrderMix.Line;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import tools.jackson.databind.json.JsonMapper;

/** The public API, as a client sees it: real HTTP/1.1 to the gateway, every call asynchronous. */
final class GatewayClient {

    /** Longer than the gateway's own 30 s response timeout: the gateway, not the client, decides a call failed. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(35);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record PlaceOrderRequest(String customerId, List<Line> items) {
    }

    private record SetStockRequest(int available) {
    }

    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;

    GatewayClient(String baseUrl, String accessToken, Executor executor) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.authorization = "Bearer " + accessToken;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(executor)
                .build();
    }

    /** The body is not read: the order's id is in the {@code Location} header of the 202. */
    CompletableFuture<HttpResponse<Void>> placeOrder(String customerId, List<Line> lines) {
        return http.sendAsync(post("/api/orders", JSON.writeValueAsString(new PlaceOrderRequest(customerId, lines))),
                BodyHandlers.discarding());
    }

    CompletableFuture<HttpResponse<Void>> cancel(UUID orderId) {
        return http.sendAsync(post("/api/orders/" + orderId + "/cancel", ""), BodyHandlers.discarding());
    }

    CompletableFuture<HttpResponse<String>> setStock(String sku, int available) {
        HttpRequest request = request("/api/inventory/" + sku)
                .PUT(BodyPublishers.ofString(JSON.writeValueAsString(new SetStockRequest(available))))
                .build();
        return http.sendAsync(request, BodyHandlers.ofString());
    }

    /** {@code /api/orders/7f1c…} → the UUID; empty when the header is missing or names no order. */
    static Optional<UUID> orderIdOf(HttpResponse<?> accepted) {
        return accepted.headers().firstValue("Location")
                .map(location -> location.substring(location.lastIndexOf('/') + 1))
                .flatMap(GatewayClient::uuid);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    private HttpRequest post(String path, String json) {
        return request(path).POST(BodyPublishers.ofString(json)).build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json");
    }
}
