package dev.orderflow.order.domain;

/** An {@code Idempotency-Key} was used before with a different request. */
public class IdempotencyKeyConflictException extends RuntimeException {

    public IdempotencyKeyConflictException() {
        super("this Idempotency-Key was already used with a different request");
    }
}
