package dev.orderflow.order.messaging;

import org.springframework.core.NestedExceptionUtils;

/** Expected failures (Kafka or PostgreSQL away, a batch rolled back) as one log line, without a stack trace (ADR 3). */
final class FailureLines {

    private FailureLines() {
    }

    /** The failure and, when it wraps another, its innermost cause. */
    static String describe(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root == failure
                ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage() + " (" + root.getClass().getSimpleName()
                        + ": " + root.getMessage() + ")";
    }
}
