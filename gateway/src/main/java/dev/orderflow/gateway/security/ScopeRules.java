package dev.orderflow.gateway.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Which request needs which scope (CONTRACT.md, "Security"), written once: the filter chain enforces it and a
 * 403 names the scope that was missing. Anything else under {@code /api/**} needs a valid token and no scope;
 * {@code GET /api/inventory} and {@code GET /api/inventory/{sku}} need nothing.
 */
final class ScopeRules {

    static final String ORDERS_READ = "orders.read";
    static final String ORDERS_WRITE = "orders.write";
    static final String INVENTORY_WRITE = "inventory.write";

    record Rule(ServerWebExchangeMatcher matcher, String scope) {
    }

    static final ServerWebExchangeMatcher PUBLIC = ServerWebExchangeMatchers.matchers(
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/api/inventory", "/api/inventory/{sku}"),
            ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, "/api/inventory", "/api/inventory/{sku}"));

    static final List<Rule> RULES = List.of(
            new Rule(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, "/api/orders",
                    "/api/orders/{orderId}/cancel"), ORDERS_WRITE),
            new Rule(readOf("/api/orders", "/api/orders/**", "/api/notifications", "/api/notifications/**"),
                    ORDERS_READ),
            new Rule(ServerWebExchangeMatchers.pathMatchers(HttpMethod.PUT, "/api/inventory/{sku}"), INVENTORY_WRITE));

    private ScopeRules() {
    }

    static void apply(ServerHttpSecurity.AuthorizeExchangeSpec exchanges) {
        exchanges.matchers(PUBLIC).permitAll();
        for (Rule rule : RULES) {
            exchanges.matchers(rule.matcher()).hasAuthority("SCOPE_" + rule.scope());
        }
        exchanges.pathMatchers("/api", "/api/**").authenticated();
        // Everything else is answered by the gateway itself (404, health) and forwards nothing.
        exchanges.anyExchange().permitAll();
    }

    /** The scope the request needs, or empty when it needs none. */
    static Mono<String> requiredScope(ServerWebExchange exchange) {
        return reactor.core.publisher.Flux.fromIterable(RULES)
                .concatMap(rule -> rule.matcher().matches(exchange)
                        .filter(ServerWebExchangeMatcher.MatchResult::isMatch)
                        .map(match -> rule.scope()))
                .next();
    }

    private static ServerWebExchangeMatcher readOf(String... patterns) {
        return ServerWebExchangeMatchers.matchers(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, patterns),
                ServerWebExchangeMatchers.pathMatchers(HttpMethod.HEAD, patterns));
    }
}
