package dev.orderflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator's token, got as any client gets one: the client-credentials grant against the auth server.
 * The {@code load-test} client's tokens live two hours and its rate limit is above what one machine can do, so one
 * token serves a whole run.
 */
final class AccessToken {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AccessToken() {
    }

    static String fetch(String authServerUrl, String clientId, String secret) throws IOException, InterruptedException {
        URI endpoint = URI.create(authServerUrl.replaceAll("/+$", "") + "/oauth2/token");
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST " + endpoint + " as " + clientId + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }
}
