package dev.orderflow.order.domain;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.query.Param;

interface OrderRepository extends CrudRepository<Order, UUID>, JpaSpecificationExecutor<Order> {

    @EntityGraph(attributePaths = "lines")
    Optional<Order> findWithLinesByOrderId(UUID orderId);

    /** Loads the lines of many orders in one query; used after a page query, which cannot fetch collections. */
    @EntityGraph(attributePaths = "lines")
    List<Order> findWithLinesByOrderIdIn(Collection<UUID> orderIds);

    /** {@code SELECT … FOR UPDATE}: the REST cancel and the stock-reply listener take turns on an order. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Order o where o.orderId = :orderId")
    Optional<Order> findForUpdate(@Param("orderId") UUID orderId);
}
