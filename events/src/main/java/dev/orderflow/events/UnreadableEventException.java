package dev.orderflow.events;

/**
 * A record that can never become an event: unknown type, malformed JSON or a missing envelope field.
 * Retrying cannot help, so consumers send such records straight to the dead-letter topic.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
