package dev.orderflow.order.domain;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

/**
 * Locks through the persistence context rather than with a query. A query first makes Hibernate flush every order
 * changed so far in the transaction: in a poll of stock replies (ADR 6) that is one UPDATE round trip per order,
 * where a flush at commit sends them as one JDBC batch. And an order the transaction has locked already is
 * returned as it is, without a second statement.
 */
class OrderLocksImpl implements OrderLocks {

    private final EntityManager entityManager;

    OrderLocksImpl(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Optional<Order> findForUpdate(UUID orderId) {
        return Optional.ofNullable(entityManager.find(Order.class, orderId, LockModeType.PESSIMISTIC_WRITE));
    }
}
