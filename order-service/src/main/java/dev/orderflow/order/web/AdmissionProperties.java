package dev.orderflow.order.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code orderflow.order.api.*}: how many API requests are worked on at once (see {@link AdmissionControl}).
 *
 * @param maxConcurrentRequests requests handled at the same time; the rest wait, parked, before their body is read
 * @param queueTimeout          how long a request may wait for its turn before it is refused with 503
 */
@Validated
@ConfigurationProperties("orderflow.order.api")
public record AdmissionProperties(
        @Min(1) @Max(1_000) int maxConcurrentRequests,
        @NotNull Duration queueTimeout) {
}
