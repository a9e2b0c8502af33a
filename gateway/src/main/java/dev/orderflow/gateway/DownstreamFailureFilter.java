package dev.orderflow.gateway;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.micrometer.context.ContextSnapshot;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers {@code 503} with {@code Retry-After}, naming the service, when a service cannot help now (CONTRACT.md):
 * it cannot be reached (its host name does not resolve, as in Compose while its container is gone, the
 * connection is refused or not made within the connect timeout, or closed before an answer; an idempotent request
 * has been retried first), it
 * did not answer within the route's time limit (the circuit breaker's, {@code resilience4j.timelimiter}), or its
 * circuit breaker is open after too many such failures, in which case the gateway does not even try.
 *
 * <p>Written by hand because Spring Cloud Gateway lets a failed connection escape as a bare
 * {@link ConnectException} or {@link UnknownHostException}, which would become a {@code 500}, answers an open
 * breaker with an exception of its own that is not a status, and a time-out with a {@code 504} naming no service.
 */
@Component
class DownstreamFailureFilter implements GlobalFilter, Ordered {

    private static final Log logger = LogFactory.getLog(DownstreamFailureFilter.class);

    private final Duration retryAfter;

    DownstreamFailureFilter(@Value("${orderflow.gateway.fail-fast.retry-after:10s}") Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(
                failure -> reasonFor(failure) != null,
                failure -> Mono.deferContextual(context -> {
                    // The warning is logged with the request's trace id.
                    try (ContextSnapshot.Scope scope = RequestObservation.restoreFrom(context)) {
                        return Mono.error(unavailable(exchange, failure));
                    }
                }));
    }

    /** Just inside {@link RequestLogFilter}, so that the log line shows the 503 the client gets. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    private ResponseStatusException unavailable(ServerWebExchange exchange, Throwable failure) {
        String service = serviceName(exchange);
        String reason = reasonFor(failure);
        logger.warn(service + " " + reason + ": " + failure);
        // Without the failure as its cause: Boot's error handler takes a "Connection reset by peer" anywhere in the
        // causes for the client going away, and would send no body.
        return GatewayProblem.retryLater(HttpStatus.SERVICE_UNAVAILABLE,
                service + " " + reason + "; try again later.", retryAfter, null);
    }

    /** What went wrong, in words for the client, or {@code null} when the failure is not the service's. */
    private static String reasonFor(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                // refused, host unknown, or the connection closed before an answer (the service died)
                return "is unavailable";
            }
            if (cause instanceof TimeoutException || cause instanceof ResponseStatusException statusException
                    && statusException.getStatusCode().isSameCodeAs(HttpStatus.GATEWAY_TIMEOUT)) {
                return "did not answer in time";
            }
            if (cause instanceof ServiceUnavailableException) {
                return "is failing and is given a rest (circuit breaker open)";
            }
            if (cause instanceof ResponseStatusException) {
                return null;
            }
        }
        return null;
    }

    /** Route ids are the services' names (ADR 3). */
    private static String serviceName(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        return route != null ? route.getId() : "The service";
    }
}
