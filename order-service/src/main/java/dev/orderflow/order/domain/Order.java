package dev.orderflow.order.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * An order and the bookkeeping of its two event streams: the last sequence it published on
 * {@code order-events} and the last one it applied from {@code inventory-events}.
 */
@Entity
@Table(name = "orders")
public class Order implements Persistable<UUID> {

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "customer_id", nullable = false, length = 64)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private OrderStatus status;

    @Column(name = "rejection_reason")
    private String rejectionReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_order_event_sequence", nullable = false)
    private long lastOrderEventSequence;

    @Column(name = "last_inventory_event_sequence", nullable = false)
    private long lastInventoryEventSequence;

    @ElementCollection
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    /** The id is made in Java, so without this flag Spring Data would SELECT before every INSERT. */
    @Transient
    private boolean isNew;

    protected Order() {
        // for JPA
    }

    private Order(UUID orderId, String customerId, List<OrderLine> lines, Instant now) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.lines = new ArrayList<>(lines);
        this.status = OrderStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
        this.isNew = true;
    }

    static Order place(UUID orderId, String customerId, List<OrderLine> lines, Instant now) {
        return new Order(orderId, customerId, lines, now);
    }

    void confirm(Instant now) {
        moveTo(OrderStatus.CONFIRMED, now);
    }

    void reject(String reason, Instant now) {
        moveTo(OrderStatus.REJECTED, now);
        this.rejectionReason = reason;
    }

    void cancel(Instant now) {
        moveTo(OrderStatus.CANCELLED, now);
    }

    private void moveTo(OrderStatus target, Instant now) {
        if (!status.canMoveTo(target)) {
            throw new IllegalStatusTransitionException(orderId, status, target);
        }
        this.status = target;
        this.updatedAt = now;
    }

    /** Claims the sequence number of the next event this order publishes on {@code order-events}. */
    long nextOrderEventSequence() {
        return ++lastOrderEventSequence;
    }

    /**
     * Records that an {@code inventory-events} record with {@code sequence} is being applied.
     *
     * @return the sequence that was expected next; it differs from {@code sequence} when records arrive out of order
     */
    long recordInventoryEventSequence(long sequence) {
        long expected = lastInventoryEventSequence + 1;
        // A late, older record must not lower the mark, or the next in-order record would look out of order too.
        lastInventoryEventSequence = Math.max(lastInventoryEventSequence, sequence);
        return expected;
    }

    @PostLoad
    @PostPersist
    void markNotNew() {
        this.isNew = false;
    }

    @Override
    public UUID getId() {
        return orderId;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    public UUID orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public OrderStatus status() {
        return status;
    }

    public String rejectionReason() {
        return rejectionReason;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The mapped collection itself, so a service can have Hibernate load it before the transaction ends. */
    List<OrderLine> mappedLines() {
        return lines;
    }

    public List<OrderLine> lines() {
        return Collections.unmodifiableList(lines);
    }
}
