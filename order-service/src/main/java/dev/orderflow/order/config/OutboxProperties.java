package dev.orderflow.order.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code orderflow.order.outbox.*}: how the relay publishes the outbox (ADR 1).
 *
 * @param batchSize      rows read, sent and deleted per round
 * @param pollInterval   fallback poll for rows no after-commit wake-up announced (another instance, a past failure)
 * @param initialBackoff first pause after a failed round; doubles per failure
 * @param maxBackoff     cap of that pause while Kafka or PostgreSQL stays unavailable
 */
@Validated
@ConfigurationProperties("orderflow.order.outbox")
public record OutboxProperties(
        @Min(1) @Max(10_000) int batchSize,
        @NotNull Duration pollInterval,
        @NotNull Duration initialBackoff,
        @NotNull Duration maxBackoff) {
}
