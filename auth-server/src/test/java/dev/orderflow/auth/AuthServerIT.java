package dev.orderflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The authorization server on a random port, asked over real HTTP the way the gateway's clients ask it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthServerIT {

    private static final String ISSUER = "http://localhost:9000";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @ParameterizedTest
    @CsvSource({
            "storefront, storefront-secret, orders.read orders.write",
            "back-office, back-office-secret, dead-letters inventory.write orders.read orders.write",
            "load-test, load-test-secret, inventory.write orders.read orders.write" })
    void issuesEachClientATokenWithItsScopes(String clientId, String secret, String scopes) throws Exception {
        HttpResponse<String> response = tokenRequest(clientId, secret, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(sorted(body.path("scope").asString())).isEqualTo(scopes);
        SignedJWT token = SignedJWT.parse(body.path("access_token").asString());
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(ISSUER);
        assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo(clientId);
        assertThat(token.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(String.join(" ", token.getJWTClaimsSet().getStringListClaim("scope").stream().sorted().toList()))
                .isEqualTo(scopes);
        assertThat(token.getJWTClaimsSet().getExpirationTime()).isInTheFuture();
    }

    @Test
    void narrowsATokenToTheScopesAsked() throws Exception {
        HttpResponse<String> response = tokenRequest("back-office", "back-office-secret", "orders.read");

        assertThat(response.statusCode()).isEqualTo(200);
        SignedJWT token = SignedJWT.parse(JSON.readTree(response.body()).path("access_token").asString());
        assertThat(token.getJWTClaimsSet().getStringListClaim("scope")).containsExactly("orders.read");
    }

    @ParameterizedTest
    @CsvSource({ "storefront, back-office-secret", "storefront, storefront-secret-", "nobody, storefront-secret",
            "console, anything" })
    void refusesAClientThatDoesNotAuthenticate(String clientId, String secret) throws Exception {
        HttpResponse<String> response = tokenRequest(clientId, secret, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("invalid_client");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void refusesAnEmptySecretAsAMalformedRequest() throws Exception {
        HttpResponse<String> response = tokenRequest("storefront", "", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("invalid_request");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @ParameterizedTest
    @ValueSource(strings = { "inventory.write", "dead-letters", "orders.read inventory.write", "admin" })
    void refusesAScopeTheClientDoesNotHave(String scope) throws Exception {
        HttpResponse<String> response = tokenRequest("storefront", "storefront-secret", scope);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asString()).isEqualTo("invalid_scope");
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void servesTheKeyThatVerifiesItsTokens() throws Exception {
        HttpResponse<String> keys = get("/oauth2/jwks");
        HttpResponse<String> response = tokenRequest("storefront", "storefront-secret", null);

        assertThat(keys.statusCode()).isEqualTo(200);
        JWKSet jwks = JWKSet.parse(keys.body());
        SignedJWT token = SignedJWT.parse(JSON.readTree(response.body()).path("access_token").asString());
        RSAKey key = (RSAKey) jwks.getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key).as("the token's kid is in the JWK set").isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
    }

    @Test
    void announcesItsIssuerAndEndpoints() throws Exception {
        HttpResponse<String> response = get("/.well-known/oauth-authorization-server");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode metadata = JSON.readTree(response.body());
        assertThat(metadata.path("issuer").asString()).isEqualTo(ISSUER);
        assertThat(metadata.path("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(metadata.path("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
    void answersHealthProbesWithoutASignIn(String path) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void refusesTheConsoleAnAuthorizationRequestWithoutPkce() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/oauth2/authorize?response_type=code"
                + "&client_id=console&scope=orders.read&redirect_uri=" + encode("http://localhost:8080/console/")))
                .header("Accept", "text/html").GET().build());

        // An error about the request goes back to the client's registered redirect URI, not to the login form.
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).get().asString()
                .startsWith("http://localhost:8080/console/?error=invalid_request");
    }

    @Test
    void signsAPersonInToTheConsoleWithTheAuthorizationCodeAndPkce() throws Exception {
        String verifier = "a-code-verifier-of-at-least-forty-three-characters-0123456789";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String redirectUri = "http://localhost:8080/console/";
        String authorize = "/oauth2/authorize?response_type=code&client_id=console&scope=openid%20orders.read"
                + "&state=xyz&code_challenge_method=S256&code_challenge=" + challenge + "&redirect_uri="
                + encode(redirectUri);

        HttpResponse<String> toLogin = send(HttpRequest.newBuilder(uri(authorize)).header("Accept", "text/html")
                .GET().build());
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(toLogin.headers().firstValue("Location")).get().asString().endsWith("/login");

        HttpResponse<String> loginPage = get("/login");
        Matcher csrf = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("username", "demo", "password", "demo-password", "_csrf", csrf.group(1)))).build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String continueAt = signedIn.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> withCode = send(HttpRequest.newBuilder(URI.create(continueAt)).GET().build());
        String location = withCode.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectUri + "?code=").contains("state=xyz");
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");

        HttpResponse<String> token = send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("grant_type", "authorization_code", "client_id", "console", "code", code,
                        "redirect_uri", redirectUri, "code_verifier", verifier)))
                .build());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        SignedJWT accessToken = SignedJWT.parse(JSON.readTree(token.body()).path("access_token").asString());
        assertThat(accessToken.getJWTClaimsSet().getSubject()).isEqualTo("demo");
        assertThat(accessToken.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("console");
        assertThat(accessToken.getJWTClaimsSet().getStringListClaim("scope")).contains("orders.read");
    }

    private HttpResponse<String> tokenRequest(String clientId, String secret, String scope) throws Exception {
        Map<String, String> fields = scope == null ? Map.of("grant_type", "client_credentials")
                : Map.of("grant_type", "client_credentials", "scope", scope);
        return send(HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(fields))
                .build());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&")));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sorted(String scopes) {
        return String.join(" ", List.of(scopes.split(" ")).stream().sorted().toList());
    }

    private static byte[] sha256(String value) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
    }

}
