package dev.orderflow.gateway.failfast;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * {@code IdempotentRetry} in {@code application.yml}: Spring Cloud Gateway's {@code Retry} filter, applied only to
 * a request that may be sent twice without harm: {@code GET}, {@code HEAD}, {@code PUT} (it sets a value),
 * {@code DELETE}, {@code OPTIONS}, and a {@code POST} that carries {@code Idempotency-Key}, which order-service
 * answers the same way however often it arrives. It retries on an I/O failure of the call (connection refused,
 * host unknown, connection closed early), never on a status the service chose (a 503 from an overloaded service
 * is not made worse) and never on a time-out (a service that is stuck stays stuck; the breaker answers instead).
 * Spring's filter alone knows only methods, and a {@code POST} without a key must never be sent twice.
 */
@Component
public class IdempotentRetryGatewayFilterFactory
        extends AbstractGatewayFilterFactory<IdempotentRetryGatewayFilterFactory.Config> {

    /** Inside the circuit breaker ({@code order 3}): the breaker's time limit covers every attempt. */
    static final int ORDER = 4;

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT,
            HttpMethod.DELETE, HttpMethod.OPTIONS);

    private final RetryGatewayFilterFactory retries = new RetryGatewayFilterFactory();

    public IdempotentRetryGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("retries");
    }

    @Override
    public GatewayFilter apply(Config config) {
        RetryGatewayFilterFactory.RetryConfig retryConfig = new RetryGatewayFilterFactory.RetryConfig()
                .allMethods()
                .setRetries(config.getRetries())
                .setSeries()
                .setStatuses()
                .setExceptions(IOException.class)
                .setBackoff(config.getFirstBackoff(), config.getMaxBackoff(), 2, true);
        GatewayFilter retry = retries.apply(retryConfig);
        return new OrderedGatewayFilter((exchange, chain) -> isIdempotent(exchange.getRequest())
                ? retry.filter(exchange, chain)
                : chain.filter(exchange), ORDER);
    }

    static boolean isIdempotent(ServerHttpRequest request) {
        return IDEMPOTENT.contains(request.getMethod())
                || HttpMethod.POST.equals(request.getMethod())
                        && request.getHeaders().getFirst("Idempotency-Key") != null;
    }

    public static class Config {

        private int retries = 2;
        private Duration firstBackoff = Duration.ofMillis(50);
        private Duration maxBackoff = Duration.ofMillis(500);

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }

        public Duration getFirstBackoff() {
            return firstBackoff;
        }

        public void setFirstBackoff(Duration firstBackoff) {
            this.firstBackoff = firstBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }
}
