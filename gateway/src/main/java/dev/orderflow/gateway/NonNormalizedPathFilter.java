package dev.orderflow.gateway;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses ({@code 400}) a request whose path a service would resolve to somewhere else than the gateway
 * routed it: a {@code .} or {@code ..} segment, plain, percent-encoded or followed by {@code ;parameters},
 * and a segment hiding an encoded {@code /} or {@code \}.
 *
 * <p>The gateway matches routes against the path as sent and forwards it unchanged, while the services'
 * servers normalize it: {@code /api/orders/../../actuator/health} matches the order-service route and
 * would then reach that service's {@code /actuator/health}, which is meant to stay private. Spring
 * Security's {@code StrictServerWebExchangeFirewall} makes the same check among many others, but answers with a
 * bare 400 and runs after this filter: this one answers with problem details, as every gateway error does.
 */
@Component
class NonNormalizedPathFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (isNormalized(exchange.getRequest().getPath())) {
            return chain.filter(exchange);
        }
        return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "The request path must not contain '.' or '..' segments or encoded '/' or '\\'."));
    }

    /** Before anything reads the path, routing and Spring Security's matchers included (after the security headers). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    static boolean isNormalized(PathContainer path) {
        for (PathContainer.Element element : path.elements()) {
            // decoded, and without ";parameters", the way a servlet container reads a segment
            if (element instanceof PathContainer.PathSegment segment) {
                String value = segment.valueToMatch();
                if (value.equals(".") || value.equals("..") || value.contains("/") || value.contains("\\")) {
                    return false;
                }
            }
        }
        return true;
    }
}
