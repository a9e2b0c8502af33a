package dev.orderflow.order.domain;

import java.util.EnumSet;
import java.util.Set;

/** Where an order stands. The allowed moves are the contract's: PENDING → CONFIRMED | REJECTED | CANCELLED, CONFIRMED → CANCELLED. */
public enum OrderStatus {

    PENDING,
    CONFIRMED,
    REJECTED,
    CANCELLED;

    public boolean canMoveTo(OrderStatus target) {
        return successors().contains(target);
    }

    private Set<OrderStatus> successors() {
        switch (this) {
            case PENDING:
                return EnumSet.of(CONFIRMED, REJECTED, CANCELLED);
            case CONFIRMED:
                return EnumSet.of(CANCELLED);
            default:
                return EnumSet.noneOf(OrderStatus.class);
        }
    }
}
