package dev.orderflow.order.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.CrudRepository;

interface OrderRepository extends CrudRepository<Order, UUID>, JpaSpecificationExecutor<Order>, OrderLocks {

    @EntityGraph(attributePaths = "lines")
    Optional<Order> findWithLinesByOrderId(UUID orderId);

    /** Loads the lines of many orders in one query; used after a page query, which cannot fetch collections. */
    @EntityGraph(attributePaths = "lines")
    List<Order> findWithLinesByOrderIdIn(Collection<UUID> orderIds);
}
