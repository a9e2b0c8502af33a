package dev.orderflow.gateway.security;

import java.security.Principal;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client a request comes from, as its token names it: the {@code client_id} claim (RFC 9068, which the auth
 * server adds to every token), else {@code sub}. Never the token itself.
 */
public final class ClientIdentity {

    /** The exchange attribute holding the client id, set for every routed request; absent when anonymous. */
    public static final String ATTRIBUTE = ClientIdentity.class.getName() + ".clientId";

    private ClientIdentity() {
    }

    static String of(Principal principal) {
        if (principal instanceof JwtAuthenticationToken authentication) {
            Jwt token = authentication.getToken();
            String clientId = token.getClaimAsString("client_id");
            return clientId != null ? clientId : token.getSubject();
        }
        return principal.getName();
    }

    /** The client id of a request whose principal has been resolved, or {@code null} for an anonymous one. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
