package dev.orderflow.notification.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

@Validated
@ConfigurationProperties("orderflow.notification")
public record NotificationProperties(@Valid @NotNull Retry retry) {

    /**
     * Back-off between attempts at a record that failed. Transient database failures are retried without
     * limit, other failures {@code maxRetries} times before the record is dead-lettered.
     */
    public record Retry(@NotNull Duration initialInterval, @NotNull Duration maxInterval, @Min(0) int maxRetries) {
    }
}
