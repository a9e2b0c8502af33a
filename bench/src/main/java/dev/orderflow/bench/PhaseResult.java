package dev.orderflow.bench;

import dev.orderflow.bench.OrderLedger.AcceptedOrder;
import dev.orderflow.bench.SystemSnapshot.Notification;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * One phase as the report shows it: what the HTTP side counted, what became of the accepted orders, and how long
 * they waited, from the intended send time of the POST to the stock decision (OrderConfirmed or OrderRejected on
 * {@code order-events}) and to the customer's notification of it.
 */
record PhaseResult(String name, int offeredRate, double seconds, long sent,
        long accepted, long notSent, long refused, long errors, long confirmed, long rejected, long cancelled, LatencySummary accept, LatencySummary decided,
        LatencySummary notified) {

    double acceptedPerSecond() {
        return seconds > 0 ? accepted / seconds : 0;
    }

    static PhaseResult of(Phase phase, Collection<AcceptedOrder> orders, Map<UUID, List<SeenEvent>> events,
            SystemSnapshot snapshot) {
        Histogram decided = LatencySummary.newHistogram();
        Histogram notified = LatencySummary.newHistogram();
        long confirmed = 0;
        long rejected = 0;
        long cancelled = 0;
        for (AcceptedOrder order : orders) {
            String status = snapshot.statuses().getOrDefault(order.orderId(), "");
            confirmed += "CONFIRMED".equals(status) ? 1 : 0;
            rejected += "REJECTED".equals(status) ? 1 : 0;
            cancelled += "CANCELLED".equals(status) ? 1 : 0;
            Optional<SeenEvent> decision = events.getOrDefault(order.orderId(), List.of()).stream()
                    .filter(SeenEvent::isDecision).findFirst();
            if (decision.isEmpty()) {
                continue; // cancelled before stock was decided: there is no decision to wait for
            }
            LatencySummary.record(decided, decision.get().occurredAtEpochMicros() - order.intendedEpochMicros());
            snapshot.notifications().getOrDefault(order.orderId(), List.of()).stream()
                    .filter(notification -> notification.eventId().equals(decision.get().eventId()))
                    .map(Notification::createdAtEpochMicros)
                    .findFirst()
                    .ifPresent(at -> LatencySummary.record(notified, at - order.intendedEpochMicros()));
        }
        return new PhaseResult(phase.name(), phase.offeredRate(), phase.seconds(),
                phase.sentCount(), phase.acceptedCount(), phase.notSentCount(), phase.refusedCount(),
                phase.errorCount(), confirmed, rejected,
                cancelled, phase.acceptLatency(), LatencySummary.of(decided), LatencySummary.of(notified));
    }
}
