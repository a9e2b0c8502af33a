package dev.orderflow.deadletters;

/** A request the tool understood but cannot carry out (unknown topic, missing record, Kafka unreachable). */
final class DeadLettersException extends RuntimeException {

    DeadLettersException(String message) {
        super(message);
    }

    DeadLettersException(String message, Throwable cause) {
        super(message, cause);
    }
}
