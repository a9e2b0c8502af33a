package dev.orderflow.console.domain;

import java.time.Instant;

/**
 * A record read from a dead-letter topic.
 *
 * @param key            the record's key (an orderId, when the producer followed the contract)
 * @param originalOffset the offset it had on its source topic (spring-kafka's header), or null
 * @param failure        the exception message spring-kafka's dead-letter publisher recorded, or null
 */
public record DeadLetter(String topic, int partition, long offset, Instant at, String key, String eventType,
        Long originalOffset, String failure) {
}
