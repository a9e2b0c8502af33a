package dev.orderflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * orderflow's public HTTP API (orders, inventory, notifications), called as any client would: JSON over HTTP to the
 * gateway, with a bearer token from the auth server.
 */
public final class GatewayClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI baseUrl;
    private final AccessTokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code tokens} null: requests without a token, as an anonymous client sends them. */
    public GatewayClient(URI baseUrl, AccessTokens tokens) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
    }

    /** The same gateway, called without a token. */
    public GatewayClient anonymous() {
        return new GatewayClient(baseUrl, null);
    }

    /** One line of an order: this many units of a SKU. */
    public record Line(String sku, int quantity) {
    }

    public static Line line(String sku, int quantity) {
        return new Line(sku, quantity);
    }

    public JsonResponse setStock(String sku, int available) {
        return send("PUT", "/api/inventory/" + encode(sku), Map.of("available", available));
    }

    public JsonResponse stock(String sku) {
        return send("GET", "/api/inventory/" + encode(sku), null);
    }

    public JsonResponse placeOrder(String customerId, Line... lines) {
        return placeOrder(Map.of(), customerId, lines);
    }

    /** Places an order sending extra request headers, e.g. a {@code traceparent} naming the trace to continue. */
    public JsonResponse placeOrder(Map<String, String> headers, String customerId, Line... lines) {
        List<Map<String, Object>> items = Arrays.stream(lines)
                .map(line -> Map.<String, Object>of("sku", line.sku(), "quantity", line.quantity()))
                .toList();
        return send("POST", "/api/orders", Map.of("customerId", customerId, "items", items), headers);
    }

    public JsonResponse order(String orderId) {
        return send("GET", "/api/orders/" + encode(orderId), null);
    }

    /** Every order of {@code customerId}, all pages of {@code GET /api/orders?customerId=}: orderId to status. */
    public Map<String, String> ordersOf(String customerId) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (int page = 0; ; page++) {
            JsonResponse response = send("GET", "/api/orders?size=100&page=" + page + "&customerId=" + encode(customerId), null);
            if (response.status() != 200) {
                throw new IllegalStateException("GET /api/orders?customerId=" + customerId + " answered " + response);
            }
            JsonNode content = response.body().path("content");
            content.forEach(order -> statuses.put(order.path("orderId").asString(), order.path("status").asString()));
            if (content.size() < 100) {
                return statuses;
            }
        }
    }

    public JsonResponse cancelOrder(String orderId) {
        return send("POST", "/api/orders/" + encode(orderId) + "/cancel", null);
    }

    public JsonResponse notificationsOf(String orderId) {
        return send("GET", "/api/notifications?orderId=" + encode(orderId), null);
    }

    /** Any path, e.g. one the gateway must not serve. */
    public JsonResponse get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    private JsonResponse send(String method, String pathAndQuery, Object body) {
        return send(method, pathAndQuery, body, Map.of());
    }

    /**
     * A 401 to a request that carried a token asks once more with a new token, as a client does when the auth server
     * restarted and its old tokens no longer verify.
     */
    private JsonResponse send(String method, String pathAndQuery, Object body, Map<String, String> headers) {
        JsonResponse response = sendOnce(method, pathAndQuery, body, headers);
        if (response.status() == 401 && tokens != null) {
            tokens.invalidate();
            response = sendOnce(method, pathAndQuery, body, headers);
        }
        return response;
    }

    private JsonResponse sendOnce(String method, String pathAndQuery, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (tokens != null) {
            request.header("Authorization", "Bearer " + tokens.token());
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
            return new JsonResponse(response.statusCode(), response.headers(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + pathAndQuery + " interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
