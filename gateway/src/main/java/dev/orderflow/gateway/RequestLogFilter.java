package dev.orderflow.gateway;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

import io.micrometer.context.ContextSnapshot;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.orderflow.gateway.security.ClientIdentity;

/**
 * One line per routed request, {@code POST /api/orders -> 202 order-service 7 ms client=storefront}, logged while the request's
 * observation is current so the line carries the trace id the services continue: {@code grep <traceId>} over
 * all logs starts at the gateway. {@link RequestObservation} puts that trace into the MDC on whichever thread the
 * response completes.
 *
 * <p>The client is the id its token names ({@link ClientIdentity}), {@code client=-} without a token; the token
 * itself is never logged. Reactor Netty's access log would need no code, but it writes outside the observation,
 * without a trace id.
 */
@Component
class RequestLogFilter implements GlobalFilter, Ordered {

    private static final Log logger = LogFactory.getLog(RequestLogFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long started = System.nanoTime();
        return chain.filter(exchange).doOnEach(signal -> {
            if ((signal.isOnComplete() || signal.isOnError()) && logger.isInfoEnabled()) {
                try (ContextSnapshot.Scope scope = RequestObservation.restoreFrom(signal.getContextView())) {
                    log(exchange, started, signal.getThrowable());
                }
            }
        });
    }

    /** Outermost: it sees the status the client gets, the service's own or the gateway's (a 503, a 429). */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static void log(ServerWebExchange exchange, long started, Throwable failure) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        String outcome = failure instanceof ResponseStatusException statusException
                ? Integer.toString(statusException.getStatusCode().value())
                : failure != null ? "failed: " + failure.getClass().getSimpleName()
                : status != null ? Integer.toString(status.value()) : "no status";
        logger.info(exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath() + " -> " + outcome + " "
                + (route != null ? route.getId() : "no route") + " " + millis + " ms client="
                + Objects.requireNonNullElse(ClientIdentity.of(exchange), "-"));
    }
}
