package dev.orderflow.notification.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How the topics this service declares are created when missing (ADR 3). */
@Validated
@ConfigurationProperties("orderflow.topics")
public record TopicsProperties(@Min(1) int partitions, @Min(1) short replicationFactor, @Min(1) int minInsyncReplicas) {
}
