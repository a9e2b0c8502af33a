package dev.orderflow.messaging.batch;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code orderflow.messaging.consumer.*}: how a record that fails is retried (ADR 2).
 *
 * @param retryInterval    first pause before a failed record is tried again; it doubles up to {@code maxRetryInterval}
 * @param maxRetryInterval longest pause between attempts
 * @param maxRetries       attempts after the first for a failure that is not a transient database one; then the record
 *                         goes to the dead-letter topic. Transient database failures are retried without limit.
 */
@Validated
@ConfigurationProperties("orderflow.messaging.consumer")
public record ConsumerProperties(
        @DefaultValue("200ms") @NotNull Duration retryInterval,
        @DefaultValue("5s") @NotNull Duration maxRetryInterval,
        @DefaultValue("3") @Min(0) @Max(100) int maxRetries) {
}
