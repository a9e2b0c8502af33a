package dev.orderflow.bench;

import dev.orderflow.bench.OrderMix.Line;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Every order the gateway accepted during the run: in which phase, and when it was meant to be sent. */
final class OrderLedger {

    /** {@code intendedEpochMicros}: when the schedule wanted the POST sent, the start of every latency measured. */
    record AcceptedOrder(UUID orderId, Phase phase, long intendedEpochMicros, List<Line> lines) {
    }

    private final Map<UUID, AcceptedOrder> orders = new ConcurrentHashMap<>();

    void add(AcceptedOrder order) {
        orders.put(order.orderId(), order);
    }

    Collection<AcceptedOrder> all() {
        return orders.values();
    }

    List<AcceptedOrder> of(Phase phase) {
        return orders.values().stream().filter(order -> order.phase() == phase).toList();
    }

    int size() {
        return orders.size();
    }
}
