package dev.orderflow.bench;

import java.util.Set;
import java.util.UUID;

/** An order event as the benchmark read it from {@code order-events}. */
record SeenEvent(UUID eventId, String type, long sequence, long occurredAtEpochMicros) {

    /** The stock decision: how long an order waited for it is the system's latency. */
    static final Set<String> DECISIONS = Set.of("OrderConfirmed", "OrderRejected");
    /** Any of these ends an order's wait; a CONFIRMED order may still be cancelled later. */
    static final Set<String> FINAL = Set.of("OrderConfirmed", "OrderRejected", "OrderCancelled");

    boolean isDecision() {
        return DECISIONS.contains(type);
    }

    boolean isFinal() {
        return FINAL.contains(type);
    }
}
