package dev.orderflow.gateway.ratelimit;

import java.net.InetSocketAddress;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.orderflow.gateway.GatewayProblem;
import dev.orderflow.gateway.security.ClientIdentity;

/**
 * {@code ClientRateLimit} in {@code application.yml}: checks the caller's bucket ({@link ClientRateLimiter}) and
 * answers {@code 429} problem details with {@code Retry-After} when it is empty, before anything is forwarded.
 * Every answer that was checked carries {@code X-RateLimit-Remaining}, {@code X-RateLimit-Replenish-Rate} and
 * {@code X-RateLimit-Burst-Capacity}, as Spring Cloud Gateway's {@code RequestRateLimiter} sends them.
 *
 * <p>{@code RequestRateLimiter} itself is not used: it takes rate and burst per route rather than per client,
 * answers 429 with an empty body and no {@code Retry-After}, and its {@code RedisRateLimiter} logs a stack trace
 * for every request while Redis is down.
 */
@Component
public class ClientRateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    /** The first route filter: a refused request costs no body buffering and touches no breaker. */
    static final int ORDER = 1;

    private final ClientRateLimiter rateLimiter;

    public ClientRateLimitGatewayFilterFactory(ClientRateLimiter rateLimiter) {
        super(Object.class);
        this.rateLimiter = rateLimiter;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return new OrderedGatewayFilter((exchange, chain) -> rateLimiter
                .check(ClientIdentity.of(exchange), addressOf(exchange))
                .flatMap(decision -> {
                    if (decision.checked()) {
                        HttpHeaders headers = exchange.getResponse().getHeaders();
                        headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
                        headers.set("X-RateLimit-Replenish-Rate", Long.toString(decision.limit().replenishRate()));
                        headers.set("X-RateLimit-Burst-Capacity", Long.toString(decision.limit().burstCapacity()));
                    }
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    String client = ClientIdentity.of(exchange);
                    return Mono.error(GatewayProblem.retryLater(HttpStatus.TOO_MANY_REQUESTS,
                            (client != null ? "Client " + client : "This address") + " is over its rate limit of "
                                    + decision.limit().replenishRate() + " requests per second (bursts of "
                                    + decision.limit().burstCapacity() + "); slow down.",
                            ClientRateLimiter.retryAfter(decision.limit()), null));
                }), ORDER);
    }

    private static String addressOf(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? "unknown"
                : remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
