package dev.orderflow.gateway;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every answer the gateway sends: the services' answers, the API's problems and the refusals
 * made before Spring Security runs (a dot segment in the path, a token in the query string, headers too large).
 * Spring Security's own header writer is switched off because it sits inside its filter chain and misses those.
 *
 * <p>A header a service sets itself is kept, so a page served through the gateway can bring a CSP of its own;
 * the default here suits the API and a page that loads only its own scripts and styles. No
 * {@code Strict-Transport-Security}: the gateway speaks plain HTTP, and TLS ends in front of it.
 */
@Component
class SecurityHeadersFilter implements WebFilter, Ordered {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
            setIfAbsent(headers, "X-Frame-Options", "DENY");
            setIfAbsent(headers, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
            setIfAbsent(headers, "Referrer-Policy", "no-referrer");
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** First of all, so that even the earliest refusal carries the headers. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static void setIfAbsent(HttpHeaders headers, String name, String value) {
        if (!headers.containsHeader(name)) {
            headers.set(name, value);
        }
    }
}
