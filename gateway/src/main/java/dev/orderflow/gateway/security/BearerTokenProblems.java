package dev.orderflow.gateway.security;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.orderflow.gateway.GatewayProblem;

/**
 * Turns Spring Security's refusals into the gateway's problem details, with the {@code WWW-Authenticate} header of
 * RFC 6750: {@code 401} for no token or a token that is invalid, expired, foreign or unsigned; {@code 403} for a
 * valid token without the scope the request needs; {@code 503} when the auth server's keys cannot be fetched
 * (the token may be fine: retry later). Spring's own handlers answer with an empty body.
 */
final class BearerTokenProblems
        implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerAuthenticationFailureHandler {

    private static final Log logger = LogFactory.getLog(BearerTokenProblems.class);

    private final Duration retryAfter;

    BearerTokenProblems(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    /** No token at all on a route that needs one, or (through {@link #onAuthenticationFailure}) a bad one. */
    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            logger.warn("Cannot check bearer tokens: " + failure.getMessage());
            return Mono.error(GatewayProblem.retryLater(HttpStatus.SERVICE_UNAVAILABLE,
                    "The gateway cannot check tokens right now; try again later.", retryAfter, null));
        }
        HttpHeaders headers = new HttpHeaders();
        if (failure instanceof OAuth2AuthenticationException oauth2) {
            String description = oauth2.getError().getDescription();
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\""
                    + quotable(description != null ? description : "The token is invalid") + "\"");
            return Mono.error(new GatewayProblem(HttpStatus.UNAUTHORIZED,
                    "The bearer token is not valid" + (description != null ? ": " + description : "") + ".",
                    headers));
        }
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return Mono.error(new GatewayProblem(HttpStatus.UNAUTHORIZED,
                "This request needs an access token: 'Authorization: Bearer <token>' from the auth server.",
                headers));
    }

    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException failure) {
        return commence(webFilterExchange.getExchange(), failure);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return Mono.zip(ScopeRules.requiredScope(exchange).defaultIfEmpty(""),
                exchange.getPrincipal().map(ClientIdentity::of).defaultIfEmpty(""))
                .flatMap(scopeAndClient -> {
                    String scope = scopeAndClient.getT1();
                    HttpHeaders headers = new HttpHeaders();
                    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\""
                            + (scope.isEmpty() ? "" : ", scope=\"" + scope + "\""));
                    String detail = scope.isEmpty() ? "The token does not allow this request."
                            : "This request needs the scope " + scope + ", which the token of "
                                    + scopeAndClient.getT2() + " does not have.";
                    return Mono.error(new GatewayProblem(HttpStatus.FORBIDDEN, detail, headers));
                });
    }

    /** A header's quoted-string carries neither quotes nor backslashes nor control characters. */
    private static String quotable(String text) {
        return text.replaceAll("[\"\\\\\\p{Cntrl}]", "'");
    }

}
