package dev.orderflow.order.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code orderflow.topics.*}: settings of the topics this service creates when they are missing (ADR 3). */
@Validated
@ConfigurationProperties("orderflow.topics")
public record TopicProperties(@Min(1) int partitions, @Min(1) short replicationFactor, @Min(1) int minInsyncReplicas) {
}
