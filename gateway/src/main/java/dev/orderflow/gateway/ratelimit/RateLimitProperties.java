package dev.orderflow.gateway.ratelimit;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code orderflow.gateway.rate-limits.*}: a token bucket per client, shared by all routes.
 *
 * @param anonymous the limit of each client address sending no token (the public reads of the inventory)
 * @param unlisted the limit of a client with a valid token that {@code clients} does not name
 * @param clients the limit of each client, by client id
 * @param redisTimeout how long a check may wait for Redis before the request passes unchecked (ADR 9)
 */
@ConfigurationProperties("orderflow.gateway.rate-limits")
public record RateLimitProperties(Limit anonymous, Limit unlisted, Map<String, Limit> clients,
        java.time.Duration redisTimeout) {

    public RateLimitProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
    }

    /**
     * @param replenishRate tokens added per second: the sustained rate allowed
     * @param burstCapacity the bucket's size: how many requests may come at once after a quiet spell
     */
    public record Limit(long replenishRate, long burstCapacity) {
    }

    Limit of(String clientId) {
        return clientId == null ? anonymous : clients.getOrDefault(clientId, unlisted);
    }
}
