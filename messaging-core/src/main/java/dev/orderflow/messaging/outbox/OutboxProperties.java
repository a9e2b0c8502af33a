package dev.orderflow.messaging.outbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code orderflow.messaging.outbox.*}: how the relay publishes the outbox (ADR 1).
 *
 * @param lockKey        the PostgreSQL advisory lock that lets one instance of a service relay at a time; each
 *                       service keeps the key its relay used before the core, so an instance of either version
 *                       excludes the other during a rolling update
 * @param batchSize      rows read, sent and deleted per round
 * @param pollInterval   fallback poll for rows no after-commit wake-up announced (another instance, a past failure)
 * @param initialBackoff first pause after a failed round; doubles per failure
 * @param maxBackoff     cap of that pause while Kafka or PostgreSQL stays unavailable
 * @param sendTimeout    longest wait for Kafka to acknowledge a round's sends; what is unacknowledged then is sent again
 */
@Validated
@ConfigurationProperties("orderflow.messaging.outbox")
public record OutboxProperties(
        @NotNull Long lockKey,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("200ms") @NotNull Duration initialBackoff,
        @DefaultValue("10s") @NotNull Duration maxBackoff,
        @DefaultValue("35s") @NotNull Duration sendTimeout) {
}
