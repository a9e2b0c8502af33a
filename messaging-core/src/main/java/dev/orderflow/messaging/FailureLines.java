package dev.orderflow.messaging;

import dev.orderflow.events.UnreadableEventException;
import org.springframework.core.NestedExceptionUtils;

/** Expected failures (Kafka or PostgreSQL away, a batch rolled back, an unreadable record) as one line, no stack trace (ADR 3). */
public final class FailureLines {

    private FailureLines() {
    }

    /** The failure and, when it wraps another, its innermost cause, which names what went wrong. */
    public static String describe(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        String line = root == failure
                ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage() + " (" + root.getClass().getSimpleName()
                        + ": " + root.getMessage() + ")";
        return oneLine(line);
    }

    /**
     * Why a record failed, for the end of its line: the contract's own explanation when there is one, else the
     * innermost cause. A dead letter's headers keep the whole trace.
     */
    public static String reason(Throwable failure) {
        Throwable explained = NestedExceptionUtils.getMostSpecificCause(failure);
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnreadableEventException) {
                explained = cause;
                break;
            }
        }
        return oneLine(String.valueOf(explained.getMessage()));
    }

    /** One log line per failure, even when a driver's message spans several. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
