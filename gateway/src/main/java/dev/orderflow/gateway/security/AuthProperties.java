package dev.orderflow.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orderflow.gateway.auth.*}: where the tokens come from and who may call from a browser.
 *
 * @param issuer the {@code iss} every token must carry, the auth server's issuer ({@code ORDERFLOW_AUTH_ISSUER})
 * @param jwksUri where the auth server's public keys are fetched ({@code ORDERFLOW_AUTH_JWKS_URI}); in Compose
 *        another host name than the issuer's
 * @param jwksTimeout how long a fetch of the keys may take before the request is answered 503
 * @param corsAllowedOrigins the origins whose pages may call the API from a browser; none by default
 */
@ConfigurationProperties("orderflow.gateway.auth")
public record AuthProperties(URI issuer, URI jwksUri, Duration jwksTimeout, List<String> corsAllowedOrigins) {

    public AuthProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }
}
