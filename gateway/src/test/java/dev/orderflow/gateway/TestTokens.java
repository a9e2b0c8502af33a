package dev.orderflow.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the auth server: an RSA key whose public half a real HTTP server publishes as a JWK set, and
 * tokens signed with it the way the auth server signs them ({@code iss}, {@code sub}, {@code client_id},
 * {@code scope}, {@code exp}, RS256 with a {@code kid}), plus every kind of bad token a client might send. One
 * for the whole test run: the Spring contexts the tests cache all point at its JWK set.
 */
final class TestTokens {

    static final String ISSUER = "http://localhost:9000";
    private static final String KEY_ID = "test-key";

    private static final TestTokens INSTANCE = new TestTokens();

    private final RSAKey key;
    /** Another key under the same key id: a token signed with it must fail on its signature, not on a lookup. */
    private final RSAKey otherKey;
    private final HttpServer jwksServer;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
            otherKey = new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            jwksServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            jwksServer.createContext("/oauth2/jwks", exchange -> {
                try (exchange; OutputStream out = exchange.getResponseBody()) {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    out.write(jwks);
                }
            });
            // Lives as long as the test JVM, like the contexts that use it.
            jwksServer.start();
        }
        catch (JOSEException | IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static TestTokens get() {
        return INSTANCE;
    }

    String jwksUri() {
        return "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/oauth2/jwks";
    }

    /** A valid token for the client with these scopes (space-separated), as the auth server would issue. */
    String forClient(String clientId, String scopes) {
        return signed(key, JWSAlgorithm.RS256, claims(clientId, scopes, ISSUER, Instant.now().plusSeconds(300)));
    }

    String expired(String clientId, String scopes) {
        // Past the 60 s of clock skew the gateway allows.
        return signed(key, JWSAlgorithm.RS256, claims(clientId, scopes, ISSUER, Instant.now().minusSeconds(120)));
    }

    String fromAnotherIssuer(String clientId, String scopes) {
        return signed(key, JWSAlgorithm.RS256, claims(clientId, scopes, "http://evil.example",
                Instant.now().plusSeconds(300)));
    }

    String signedByAnotherKey(String clientId, String scopes) {
        return signed(otherKey, JWSAlgorithm.RS256, claims(clientId, scopes, ISSUER, Instant.now().plusSeconds(300)));
    }

    /** {@code "alg": "none"} and no signature. */
    String unsigned(String clientId, String scopes) {
        return new PlainJWT(claims(clientId, scopes, ISSUER, Instant.now().plusSeconds(300))).serialize();
    }

    /** HS256 with the public key as the shared secret: the classic algorithm confusion. */
    String hmacWithThePublicKey(String clientId, String scopes) {
        try {
            return signed(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()), JWSAlgorithm.HS256,
                    claims(clientId, scopes, ISSUER, Instant.now().plusSeconds(300)));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A valid token whose last signature character is changed. */
    String tampered(String clientId, String scopes) {
        String token = forClient(clientId, scopes);
        char last = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }

    private static JWTClaimsSet claims(String clientId, String scopes, String issuer, Instant expiresAt) {
        Instant issuedAt = expiresAt.minus(Duration.ofMinutes(5));
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(clientId)
                .audience(clientId)
                .claim("client_id", clientId)
                .claim("scope", List.of(scopes.split(" ")))
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    private String signed(RSAKey signingKey, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            return signed(new RSASSASigner(signingKey), algorithm, claims);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String signed(JWSSigner signer, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(KEY_ID).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
