package dev.orderflow.inventory.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code orderflow.inventory.*}: how the outbox relay and the {@code order-events} consumer behave. */
@ConfigurationProperties("orderflow.inventory")
@Validated
public record InventoryProperties(@NotNull @Valid Outbox outbox, @NotNull @Valid Consumer consumer) {

    /**
     * @param batchSize    rows published per round trip to Kafka
     * @param pollInterval fallback poll for rows no after-commit wake-up announced (another instance, a failure)
     * @param maxBackoff   longest pause between attempts while Kafka is unreachable
     * @param sendTimeout  longest wait for Kafka to acknowledge a batch
     */
    public record Outbox(@Min(1) @Max(10_000) int batchSize, @NotNull Duration pollInterval,
            @NotNull Duration maxBackoff, @NotNull Duration sendTimeout) {
    }

    /**
     * @param retryInterval    first pause before a failed event is tried again; it doubles up to
     *                         {@code maxRetryInterval}
     * @param maxRetryInterval longest pause between attempts
     * @param maxRetries       attempts after the first for a failure that is not a transient database one;
     *                         then the record goes to the dead-letter topic
     */
    public record Consumer(@NotNull Duration retryInterval, @NotNull Duration maxRetryInterval,
            @Min(0) @Max(100) int maxRetries) {
    }
}
