package dev.orderflow.gateway.security;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.orderflow.gateway.GatewayProblem;

/**
 * Refuses ({@code 400}, RFC 6750 {@code invalid_request}) a request that carries {@code access_token} in its query
 * string, on every path, public ones included. OAuth 2.1 forbids that way of sending a token: a URL ends up in
 * logs, browser histories and {@code Referer} headers, and forwarding it would hand the token to a service.
 * Spring Security would merely ignore the parameter and treat the request as anonymous.
 */
@Component
class QueryStringTokenFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getQueryParams().containsKey("access_token")) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_request\", "
                + "error_description=\"Send the token in the Authorization header, never in the URL\"");
        return Mono.error(new GatewayProblem(HttpStatus.BAD_REQUEST,
                "A token in the query string is refused: send it as 'Authorization: Bearer <token>'. "
                        + "Treat this token as exposed.",
                headers));
    }

    /** Before Spring Security's filter chain (order -100) reads anything. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
