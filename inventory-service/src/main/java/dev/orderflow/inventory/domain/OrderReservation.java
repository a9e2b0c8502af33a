package dev.orderflow.inventory.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What inventory knows of one order: the stock it holds, and how far the order's incoming events and
 * the replies about it have counted, so gaps can be spotted and replies numbered.
 */
@Entity
@Table(name = "order_reservations")
public class OrderReservation {

    @Id
    private UUID orderId;

    @Enumerated(EnumType.STRING)
    private ReservationStatus status;

    @ElementCollection
    @CollectionTable(name = "order_reservation_lines", joinColumns = @JoinColumn(name = "order_id"))
    private List<Line> lines = new ArrayList<>();

    private long lastOrderSequence;

    private long lastReplySequence;

    /** Wrapper type so that a fresh instance counts as new and is inserted without a lookup first. */
    @Version
    private Long version;

    private Instant createdAt;

    private Instant updatedAt;

    protected OrderReservation() {
    }

    static OrderReservation open(UUID orderId, Instant now) {
        OrderReservation reservation = new OrderReservation();
        reservation.orderId = orderId;
        reservation.status = ReservationStatus.NONE;
        reservation.createdAt = now;
        reservation.updatedAt = now;
        return reservation;
    }

    public UUID getOrderId() {
        return orderId;
    }

    public ReservationStatus getStatus() {
        return status;
    }

    public List<StockLine> getLines() {
        return lines.stream().map(Line::toStockLine).toList();
    }

    public long getLastOrderSequence() {
        return lastOrderSequence;
    }

    /**
     * Remembers the sequence of an incoming order event and returns the one that was due. A late event
     * never moves the mark back, so one late event does not make every later one look out of order.
     */
    public long recordOrderSequence(long sequence) {
        long expected = lastOrderSequence + 1;
        lastOrderSequence = Math.max(lastOrderSequence, sequence);
        return expected;
    }

    /** Numbers the next reply about this order: 1, 2, 3… */
    public long nextReplySequence() {
        return ++lastReplySequence;
    }

    boolean isUndecided() {
        return status == ReservationStatus.NONE;
    }

    void hold(List<StockLine> granted, Instant now) {
        requireStatus(ReservationStatus.NONE);
        granted.forEach(line -> lines.add(Line.of(line)));
        status = ReservationStatus.HELD;
        updatedAt = now;
    }

    void reject(Instant now) {
        requireStatus(ReservationStatus.NONE);
        status = ReservationStatus.REJECTED;
        updatedAt = now;
    }

    /** Returns the lines to give back: those held, or none when nothing is held (so never twice). */
    List<StockLine> release(Instant now) {
        List<StockLine> released = status == ReservationStatus.HELD ? getLines() : List.of();
        status = ReservationStatus.RELEASED;
        updatedAt = now;
        return released;
    }

    private void requireStatus(ReservationStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("reservation of order " + orderId + " is " + status + ", not " + expected);
        }
    }

    @Embeddable
    static class Line {

        @Column(name = "sku")
        private String sku;

        @Column(name = "quantity")
        private int quantity;

        protected Line() {
        }

        static Line of(StockLine line) {
            Line entry = new Line();
            entry.sku = line.sku();
            entry.quantity = line.quantity();
            return entry;
        }

        StockLine toStockLine() {
            return new StockLine(sku, quantity);
        }
    }
}
