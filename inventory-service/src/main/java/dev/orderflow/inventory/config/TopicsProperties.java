package dev.orderflow.inventory.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code orderflow.topics.*}: the shape of the topics this service creates when they are missing (ADR 3). */
@ConfigurationProperties("orderflow.topics")
@Validated
public record TopicsProperties(@Min(1) int partitions, @Min(1) short replicationFactor, @Min(1) int minInsyncReplicas) {
}
