package dev.orderflow.inventory.messaging;

import org.springframework.core.NestedExceptionUtils;

/** Expected failures (Kafka or PostgreSQL away, a batch rolled back) as one log line, without a stack trace (ADR 3). */
final class FailureLines {

    private FailureLines() {
    }

    /** The innermost cause, which names what went wrong (a refused connection, a lock timeout). */
    static String describe(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
