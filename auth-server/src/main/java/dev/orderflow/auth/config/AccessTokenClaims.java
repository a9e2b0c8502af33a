package dev.orderflow.auth.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

@Configuration(proxyBeanMethods = false)
class AccessTokenClaims {

    /**
     * Adds {@code client_id} to every access token (RFC 9068, the JWT profile for access tokens). The gateway keys
     * its rate limits and its logs on it: {@code sub} is the client for client_credentials but the person for the
     * console's authorization-code flow.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> clientIdClaim() {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
            }
        };
    }
}
