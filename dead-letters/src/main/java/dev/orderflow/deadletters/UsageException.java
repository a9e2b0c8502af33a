package dev.orderflow.deadletters;

/** The command line asks for something the tool does not understand; nothing was read or written. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
