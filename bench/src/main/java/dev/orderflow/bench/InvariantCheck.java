package dev.orderflow.bench;

import dev.orderflow.bench.OrderLedger.AcceptedOrder;
import dev.orderflow.bench.OrderMix.Line;
import dev.orderflow.bench.SystemSnapshot.Notification;
import dev.orderflow.bench.SystemSnapshot.Stock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The promises of docs/CONTRACT.md, checked on what the run left behind, so that a fast but wrong run cannot pass.
 * Each verdict says what was found, with a few examples when something is wrong.
 */
final class InvariantCheck {

    record Verdict(String invariant, boolean passed, String detail) {
    }

    private static final Set<String> FINAL_STATUSES = Set.of("CONFIRMED", "REJECTED", "CANCELLED");
    private static final Map<String, String> STATUS_OF_FINAL_EVENT = Map.of(
            "OrderConfirmed", "CONFIRMED", "OrderRejected", "REJECTED", "OrderCancelled", "CANCELLED");
    private static final int EXAMPLES = 3;

    private InvariantCheck() {
    }

    static List<Verdict> check(Collection<AcceptedOrder> accepted, SystemSnapshot snapshot,
            Map<String, Integer> initialStock, Map<UUID, List<SeenEvent>> events, long newDeadLetters) {
        return List.of(
                acceptedOrdersStoredAndFinal(accepted, snapshot),
                stockConserved(snapshot, initialStock),
                reservedMatchesConfirmedOrders(snapshot, initialStock),
                eventsInSequence(snapshot, events),
                oneNotificationPerEventInOrder(snapshot, events),
                new Verdict("no dead letters", newDeadLetters == 0,
                        newDeadLetters + " new records in order-events-dlt and inventory-events-dlt"));
    }

    private static Verdict acceptedOrdersStoredAndFinal(Collection<AcceptedOrder> accepted, SystemSnapshot snapshot) {
        List<String> problems = new ArrayList<>();
        for (AcceptedOrder order : accepted) {
            String status = snapshot.statuses().get(order.orderId());
            if (status == null) {
                problems.add(order.orderId() + " is not stored");
            } else if (!order.lines().equals(snapshot.lines().get(order.orderId()))) {
                problems.add(order.orderId() + " is stored with other lines than were sent");
            }
        }
        snapshot.statuses().forEach((orderId, status) -> {
            if (!FINAL_STATUSES.contains(status)) {
                problems.add(orderId + " is " + status);
            }
        });
        long unanswered = snapshot.statuses().size() - accepted.size();
        String extra = unanswered > 0 ? " (and " + unanswered + " orders whose 202 did not reach the client)" : "";
        return verdict("every accepted order is stored as sent and is CONFIRMED, REJECTED or CANCELLED", problems,
                accepted.size() + " accepted orders" + extra + ", all final");
    }

    private static Verdict stockConserved(SystemSnapshot snapshot, Map<String, Integer> initialStock) {
        List<String> problems = new ArrayList<>();
        initialStock.forEach((sku, initial) -> {
            Stock stock = snapshot.stock().get(sku);
            if (stock == null) {
                problems.add(sku + " is missing");
            } else if (stock.available() + stock.reserved() != initial) {
                problems.add(sku + ": " + stock.available() + " + " + stock.reserved() + " != " + initial);
            }
        });
        return verdict("per SKU, available + reserved = the stock set", problems, initialStock.size() + " SKUs");
    }

    private static Verdict reservedMatchesConfirmedOrders(SystemSnapshot snapshot, Map<String, Integer> initialStock) {
        Map<String, Integer> confirmedUnits = new HashMap<>();
        snapshot.statuses().forEach((orderId, status) -> {
            if ("CONFIRMED".equals(status)) {
                for (Line line : snapshot.lines().getOrDefault(orderId, List.of())) {
                    confirmedUnits.merge(line.sku(), line.quantity(), Integer::sum);
                }
            }
        });
        List<String> problems = new ArrayList<>();
        long totalReserved = 0;
        for (String sku : initialStock.keySet()) {
            Stock stock = snapshot.stock().get(sku);
            int expected = confirmedUnits.getOrDefault(sku, 0);
            int reserved = stock == null ? 0 : stock.reserved();
            totalReserved += reserved;
            if (reserved != expected) {
                problems.add(sku + ": reserved " + reserved + ", CONFIRMED orders hold " + expected);
            }
        }
        return verdict("per SKU, reserved = the units of its CONFIRMED orders", problems,
                totalReserved + " units reserved over " + initialStock.size() + " SKUs");
    }

    private static Verdict eventsInSequence(SystemSnapshot snapshot, Map<UUID, List<SeenEvent>> events) {
        List<String> problems = new ArrayList<>();
        long total = 0;
        for (Map.Entry<UUID, String> order : snapshot.statuses().entrySet()) {
            List<SeenEvent> distinct = distinct(events.getOrDefault(order.getKey(), List.of()));
            total += distinct.size();
            List<Long> sequences = distinct.stream().map(SeenEvent::sequence).toList();
            String lastFinal = null;
            for (SeenEvent event : distinct) {
                lastFinal = event.isFinal() ? event.type() : lastFinal;
            }
            if (distinct.isEmpty() || !"OrderPlaced".equals(distinct.get(0).type())) {
                problems.add(order.getKey() + " has no OrderPlaced first");
            } else if (!sequences.equals(oneTo(distinct.size()))) {
                problems.add(order.getKey() + " has sequences " + sequences);
            } else if (!order.getValue().equals(STATUS_OF_FINAL_EVENT.get(lastFinal))) {
                problems.add(order.getKey() + " is " + order.getValue() + " but its last final event is " + lastFinal);
            }
        }
        return verdict("each order's events on order-events: OrderPlaced first, sequence 1..n, the last final one is its status",
                problems, total + " events of " + snapshot.statuses().size() + " orders");
    }

    private static Verdict oneNotificationPerEventInOrder(SystemSnapshot snapshot, Map<UUID, List<SeenEvent>> events) {
        List<String> problems = new ArrayList<>();
        long total = 0;
        for (UUID orderId : snapshot.statuses().keySet()) {
            List<UUID> published = distinct(events.getOrDefault(orderId, List.of())).stream().map(SeenEvent::eventId).toList();
            List<Notification> notifications = snapshot.notifications().getOrDefault(orderId, List.of());
            total += notifications.size();
            List<UUID> notified = notifications.stream().map(Notification::eventId).toList();
            List<Long> sequences = notifications.stream().map(Notification::sequence).toList();
            if (!notified.equals(published)) {
                problems.add(orderId + ": " + notified.size() + " notifications for " + published.size() + " events, or in another order");
            } else if (!sequences.equals(oneTo(notifications.size()))) {
                problems.add(orderId + ": notification sequences " + sequences);
            }
        }
        return verdict("one notification per order event, in publication order", problems,
                total + " notifications");
    }

    /** A record the relay published twice (after a crash) is one event: the consumers skip the repeat. */
    private static List<SeenEvent> distinct(List<SeenEvent> events) {
        Set<UUID> seen = new LinkedHashSet<>();
        return events.stream().filter(event -> seen.add(event.eventId())).toList();
    }

    private static List<Long> oneTo(int n) {
        List<Long> sequence = new ArrayList<>(n);
        for (long i = 1; i <= n; i++) {
            sequence.add(i);
        }
        return sequence;
    }

    private static Verdict verdict(String invariant, List<String> problems, String whenPassed) {
        if (problems.isEmpty()) {
            return new Verdict(invariant, true, whenPassed);
        }
        return new Verdict(invariant, false, problems.size() + " problems, e.g. "
                + String.join("; ", problems.subList(0, Math.min(EXAMPLES, problems.size()))));
    }
}
