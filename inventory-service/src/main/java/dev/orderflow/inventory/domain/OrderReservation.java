package dev.orderflow.inventory.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What inventory knows of one order: the stock it holds, and how far the order's incoming events and
 * the replies about it have counted, so gaps can be spotted and replies numbered.
 */
public class OrderReservation {

    private final UUID orderId;

    private ReservationStatus status;

    /** Null when they were not read back: only a cancel needs the lines an order holds (see {@link #release}). */
    private final List<StockLine> lines;

    /** The lines granted since it was read: the only ones to insert, as lines never change once held. */
    private final List<StockLine> grantedLines = new ArrayList<>();

    private long lastOrderSequence;

    private long lastReplySequence;

    private final Instant createdAt;

    private Instant updatedAt;

    /** Not stored yet: the first event about the order opened it. */
    private final boolean opened;

    private boolean changed;

    private OrderReservation(UUID orderId, ReservationStatus status, List<StockLine> lines, long lastOrderSequence,
            long lastReplySequence, Instant createdAt, Instant updatedAt, boolean opened) {
        this.orderId = orderId;
        this.status = status;
        this.lines = lines == null ? null : new ArrayList<>(lines);
        this.lastOrderSequence = lastOrderSequence;
        this.lastReplySequence = lastReplySequence;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.opened = opened;
    }

    static OrderReservation open(UUID orderId, Instant now) {
        return new OrderReservation(orderId, ReservationStatus.NONE, List.of(), 0, 0, now, now, true);
    }

    /** One read back from the database, as it was stored. */
    static OrderReservation stored(UUID orderId, ReservationStatus status, List<StockLine> lines,
            long lastOrderSequence, long lastReplySequence, Instant createdAt, Instant updatedAt) {
        return new OrderReservation(orderId, status, lines, lastOrderSequence, lastReplySequence, createdAt,
                updatedAt, false);
    }

    /**
     * One read back without its lines, for an event that does not release stock. An undecided order holds none
     * (lines are written only when it is held), so only the lines of a decided one are unknown.
     */
    static OrderReservation storedWithoutLines(UUID orderId, ReservationStatus status, long lastOrderSequence,
            long lastReplySequence, Instant createdAt, Instant updatedAt) {
        return new OrderReservation(orderId, status, status == ReservationStatus.NONE ? List.of() : null,
                lastOrderSequence, lastReplySequence, createdAt, updatedAt, false);
    }

    public UUID getOrderId() {
        return orderId;
    }

    public ReservationStatus getStatus() {
        return status;
    }

    public List<StockLine> getLines() {
        if (lines == null) {
            // Inventory#lock reads the lines of every order a batch cancels; getting here would be a bug.
            throw new IllegalStateException("the lines of order " + orderId + " were not read");
        }
        return List.copyOf(lines);
    }

    public long getLastOrderSequence() {
        return lastOrderSequence;
    }

    long getLastReplySequence() {
        return lastReplySequence;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }

    boolean isOpened() {
        return opened;
    }

    /** Whether anything changed since it was read or opened, so it must be written. */
    boolean isChanged() {
        return opened || changed;
    }

    List<StockLine> getGrantedLines() {
        return grantedLines;
    }

    /**
     * Remembers the sequence of an incoming order event and returns the one that was due. A late event
     * never moves the mark back, so one late event does not make every later one look out of order.
     */
    public long recordOrderSequence(long sequence) {
        long expected = lastOrderSequence + 1;
        if (sequence > lastOrderSequence) {
            lastOrderSequence = sequence;
            changed = true;
        }
        return expected;
    }

    /** Numbers the next reply about this order: 1, 2, 3… */
    public long nextReplySequence() {
        changed = true;
        return ++lastReplySequence;
    }

    boolean isUndecided() {
        return status == ReservationStatus.NONE;
    }

    void hold(List<StockLine> granted, Instant now) {
        requireStatus(ReservationStatus.NONE);
        lines.addAll(granted);
        grantedLines.addAll(granted);
        moveTo(ReservationStatus.HELD, now);
    }

    void reject(Instant now) {
        requireStatus(ReservationStatus.NONE);
        moveTo(ReservationStatus.REJECTED, now);
    }

    /** Returns the lines to give back: those held, or none when nothing is held (so never twice). */
    List<StockLine> release(Instant now) {
        List<StockLine> released = status == ReservationStatus.HELD ? getLines() : List.of();
        moveTo(ReservationStatus.RELEASED, now);
        return released;
    }

    private void moveTo(ReservationStatus next, Instant now) {
        status = next;
        updatedAt = now;
        changed = true;
    }

    private void requireStatus(ReservationStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("reservation of order " + orderId + " is " + status + ", not " + expected);
        }
    }
}
