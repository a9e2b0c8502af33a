package dev.orderflow.gateway.security;

import io.micrometer.common.KeyValue;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Puts the caller's client id where it is needed, and only the id: in an exchange attribute (the rate limiter's
 * key, the request log line), as the tag {@code orderflow.client.id} of the request's span, and in the
 * {@code X-Client-Id} header the service receives. The {@code Authorization} header is not passed on: the services
 * trust the gateway, which checked the token, and a token that goes no further cannot leak from a service's logs.
 * A client's own {@code X-Client-Id} is dropped, so a service can believe the one it sees.
 */
@Component
class ClientIdentityFilter implements GlobalFilter, Ordered {

    static final String CLIENT_ID_HEADER = "X-Client-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .map(ClientIdentity::of)
                .map(clientId -> {
                    exchange.getAttributes().put(ClientIdentity.ATTRIBUTE, clientId);
                    ServerRequestObservationContext.findCurrent(exchange.getAttributes()).ifPresent(
                            context -> context.addHighCardinalityKeyValue(KeyValue.of("orderflow.client.id", clientId)));
                    return forward(exchange, clientId);
                })
                .defaultIfEmpty(exchange)
                .map(identified -> identified == exchange ? forward(exchange, null) : identified)
                .flatMap(chain::filter);
    }

    /** After the request log and the failure mapping, before any route filter (the rate limiter reads the id). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    private static ServerWebExchange forward(ServerWebExchange exchange, String clientId) {
        return exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(HttpHeaders.AUTHORIZATION);
            headers.remove(CLIENT_ID_HEADER);
            if (clientId != null) {
                headers.set(CLIENT_ID_HEADER, clientId);
            }
        })).build();
    }
}
