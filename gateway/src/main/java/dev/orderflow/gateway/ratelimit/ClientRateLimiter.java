package dev.orderflow.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A token bucket per client in Redis, with Spring Cloud Gateway's own Lua script ({@code RedisRateLimiter}'s,
 * the bean {@code redisRequestRateLimiterScript}) and its key names, so one bucket is shared by every gateway
 * instance. Unlike {@code RedisRateLimiter} it takes the rate and burst from the client rather than the route,
 * and when Redis cannot answer within {@code redis-timeout} it lets the request through, counts it
 * ({@code orderflow.gateway.rate.limiter.unchecked}) and says so in one WARN line when Redis goes away and one
 * INFO line when it is back, not a stack trace per request (ADR 9).
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
public class ClientRateLimiter {

    private static final Log logger = LogFactory.getLog(ClientRateLimiter.class);

    /** The outcome of one check. */
    public record Decision(boolean allowed, long remaining, RateLimitProperties.Limit limit, boolean checked) {
    }

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final RateLimitProperties properties;
    private final MeterRegistry meterRegistry;
    private final Counter unchecked;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
    private final AtomicBoolean redisAnswering = new AtomicBoolean(true);

    ClientRateLimiter(ReactiveStringRedisTemplate redis,
            @Qualifier("redisRequestRateLimiterScript") RedisScript<List<Long>> script,
            RateLimitProperties properties, MeterRegistry meterRegistry) {
        this.redis = redis;
        this.script = script;
        this.properties = properties;
        this.meterRegistry = meterRegistry;
        this.unchecked = Counter.builder("orderflow.gateway.rate.limiter.unchecked")
                .description("Requests let through without a rate-limit check because Redis did not answer")
                .register(meterRegistry);
    }

    /**
     * @param clientId the token's client id, or {@code null} for a request without a token
     * @param address the client's address, the key of a request without a token
     */
    public Mono<Decision> check(String clientId, String address) {
        RateLimitProperties.Limit limit = properties.of(clientId);
        String key = clientId != null ? "client:" + clientId : "anonymous:" + address;
        // The script's keys and arguments, as RedisRateLimiter passes them (an empty "now": Redis's own clock).
        List<String> keys = List.of("request_rate_limiter.{" + key + "}.tokens",
                "request_rate_limiter.{" + key + "}.timestamp");
        List<String> arguments = List.of(Long.toString(limit.replenishRate()), Long.toString(limit.burstCapacity()),
                "", "1");
        return redis.execute(script, keys, arguments)
                .next()
                .timeout(properties.redisTimeout())
                .map(result -> {
                    redisIsBack();
                    Decision decision = new Decision(result.get(0) == 1L, result.get(1), limit, true);
                    if (!decision.allowed()) {
                        refusalsOf(clientId).increment();
                    }
                    return decision;
                })
                .onErrorResume(failure -> Mono.fromSupplier(() -> {
                    redisIsGone(failure);
                    unchecked.increment();
                    return new Decision(true, -1, limit, false);
                }));
    }

    /** The time until a refused client has a token again. */
    static Duration retryAfter(RateLimitProperties.Limit limit) {
        return Duration.ofMillis(Math.max(1, (1000 + limit.replenishRate() - 1) / limit.replenishRate()));
    }

    private Counter refusalsOf(String clientId) {
        String client = clientId != null ? clientId : "anonymous";
        return refusals.computeIfAbsent(client, name -> Counter.builder("orderflow.gateway.rate.limited")
                .description("Requests refused with 429 because the client was over its rate limit")
                .tag("client", name)
                .register(meterRegistry));
    }

    private void redisIsGone(Throwable failure) {
        if (redisAnswering.compareAndSet(true, false)) {
            logger.warn("Rate limits are not enforced: Redis does not answer (" + failure
                    + "); requests pass unchecked until it does, counted in orderflow.gateway.rate.limiter.unchecked");
        }
    }

    private void redisIsBack() {
        if (!redisAnswering.get() && redisAnswering.compareAndSet(false, true)) {
            logger.info("Rate limits are enforced again: Redis answers");
        }
    }
}
