package dev.orderflow.gateway;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.micrometer.context.ContextSnapshot;
import java.net.ConnectException;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Tells a client which service failed and how: {@code 503} when the service cannot be reached (its host
 * name does not resolve, as in Compose while its container is gone, or the connection is refused or not
 * made within the connect timeout), {@code 504} when it does not answer within the response timeout. Both
 * are conditions to retry later, not faults of the gateway.
 *
 * <p>Written by hand because Spring Cloud Gateway's {@code NettyRoutingFilter} lets a failed connection
 * escape as a bare {@link ConnectException} or {@link UnknownHostException}, which would become a
 * {@code 500}, and names no service in the {@code 504} it raises for its response timeout.
 */
@Component
class DownstreamFailureFilter implements GlobalFilter, Ordered {

    private static final Log logger = LogFactory.getLog(DownstreamFailureFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(
                failure -> isUnreachable(failure) || isResponseTimeout(failure),
                failure -> Mono.deferContextual(context -> {
                    // The warning is logged with the request's trace id.
                    try (ContextSnapshot.Scope scope = RequestObservation.restoreFrom(context)) {
                        return Mono.error(isUnreachable(failure) ? unavailable(exchange, failure)
                                : timedOut(exchange, failure));
                    }
                }));
    }

    /** Outermost, so the routing filter that makes the call is inside it. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static boolean isUnreachable(Throwable failure) {
        return failure instanceof ConnectException || failure instanceof UnknownHostException;
    }

    private static ResponseStatusException unavailable(ServerWebExchange exchange, Throwable failure) {
        String service = serviceName(exchange);
        logger.warn(service + " is unavailable: " + failure.getMessage());
        return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                service + " is unavailable; try again later.", failure);
    }

    private static boolean isResponseTimeout(Throwable failure) {
        return failure instanceof ResponseStatusException statusException
                && statusException.getStatusCode().isSameCodeAs(HttpStatus.GATEWAY_TIMEOUT);
    }

    private static ResponseStatusException timedOut(ServerWebExchange exchange, Throwable failure) {
        String service = serviceName(exchange);
        logger.warn(service + " did not answer in time: " + failure.getMessage());
        return new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT,
                service + " did not answer in time; try again later.", failure);
    }

    /** Route ids are the services' names (ADR 3). */
    private static String serviceName(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        return route != null ? route.getId() : "The service";
    }
}
