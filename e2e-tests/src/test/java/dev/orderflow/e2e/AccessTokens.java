package dev.orderflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens from the auth server, got as any client of the API gets them (CONTRACT.md, "Security"): the
 * client-credentials grant with the client's id and secret in HTTP Basic. A token is reused until shortly before
 * it expires.
 */
public final class AccessTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofSeconds(30);

    private final URI tokenEndpoint;
    private final String clientId;
    private final String secret;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant renewAt = Instant.MIN;

    public AccessTokens(URI authServer, String clientId, String secret) {
        this.tokenEndpoint = authServer.resolve("/oauth2/token");
        this.clientId = clientId;
        this.secret = secret;
    }

    /** The benchmarks' and checks' client: every scope but dead letters, and a rate limit above what one machine can do. */
    public static AccessTokens loadTest(URI authServer) {
        String secret = System.getenv("LOAD_TEST_SECRET");
        return new AccessTokens(authServer, "load-test", secret == null || secret.isBlank() ? "load-test-secret" : secret);
    }

    /** A valid token, fetched anew when there is none or it is about to expire. */
    public synchronized String token() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Drops the token, so that the next {@link #token()} asks for a new one (the auth server restarted with a new key, say). */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("POST " + tokenEndpoint + " as " + clientId + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            token = body.path("access_token").asString();
            renewAt = Instant.now().plusSeconds(body.path("expires_in").asLong(60)).minus(RENEW_BEFORE_EXPIRY);
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + tokenEndpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted asking " + tokenEndpoint + " for a token", e);
        }
    }
}
