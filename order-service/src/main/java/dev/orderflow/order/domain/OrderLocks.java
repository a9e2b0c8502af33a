package dev.orderflow.order.domain;

import java.util.Optional;
import java.util.UUID;

/** Row locks on orders; a fragment of {@link OrderRepository}, implemented by {@link OrderLocksImpl}. */
interface OrderLocks {

    /** {@code SELECT … FOR UPDATE}: the REST cancel and the stock-reply listener take turns on an order. */
    Optional<Order> findForUpdate(UUID orderId);
}
