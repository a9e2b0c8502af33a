package dev.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.bench.InvariantCheck.Verdict;
import dev.orderflow.bench.OrderLedger.AcceptedOrder;
import dev.orderflow.bench.OrderMix.Line;
import dev.orderflow.bench.SystemSnapshot.Notification;
import dev.orderflow.bench.SystemSnapshot.Stock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvariantCheckTests {

    private static final String SKU = "BENCH-R-01";
    private static final Map<String, Integer> STOCK_SET = Map.of(SKU, 100);

    /** A consistent run: one order confirmed (2 units), one rejected, one cancelled after confirmation. */
    private final World world = new World()
            .order(List.of(new Line(SKU, 2)), "CONFIRMED", "OrderPlaced", "OrderConfirmed")
            .order(List.of(new Line(SKU, 1)), "REJECTED", "OrderPlaced", "OrderRejected")
            .order(List.of(new Line(SKU, 3)), "CANCELLED", "OrderPlaced", "OrderConfirmed", "OrderCancelled")
            .stock(new Stock(98, 2));

    @Test
    void passesAConsistentRun() {
        assertThat(world.check(0)).allSatisfy(verdict -> assertThat(verdict.passed()).as(verdict.toString()).isTrue());
    }

    @Test
    void failsAnAcceptedOrderThatIsNotStoredOrNotFinal() {
        world.statuses.remove(world.ids.get(0));
        world.statuses.put(world.ids.get(1), "PENDING");

        Verdict verdict = verdict(world.check(0), "every accepted order is stored as sent and is CONFIRMED, REJECTED or CANCELLED");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.detail()).contains(world.ids.get(0) + " is not stored", world.ids.get(1) + " is PENDING");
    }

    @Test
    void failsStockThatWasCreatedOrLost() {
        world.stock(new Stock(99, 2));

        assertThat(failed(world.check(0))).containsExactly("per SKU, available + reserved = the stock set");
    }

    @Test
    void failsReservedUnitsThatNoConfirmedOrderHolds() {
        world.stock(new Stock(95, 5));

        assertThat(failed(world.check(0))).containsExactly("per SKU, reserved = the units of its CONFIRMED orders");
    }

    @Test
    void failsAMissingDuplicatedOrReorderedNotification() {
        UUID confirmed = world.ids.get(0);
        List<Notification> notifications = world.notifications.get(confirmed);
        world.notifications.put(confirmed, List.of(notifications.get(1), notifications.get(0)));
        world.notifications.remove(world.ids.get(1));

        Verdict verdict = verdict(world.check(0), "one notification per order event, in publication order");

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.detail()).startsWith("2 problems");
    }

    @Test
    void failsAStatusThatItsEventsDoNotTell() {
        world.statuses.put(world.ids.get(2), "CONFIRMED");
        world.stock(new Stock(95, 5));

        assertThat(failed(world.check(0))).contains(
                "each order's events on order-events: OrderPlaced first, sequence 1..n, the last final one is its status");
    }

    @Test
    void countsAnEventPublishedTwiceOnce() {
        UUID confirmed = world.ids.get(0);
        List<SeenEvent> events = new ArrayList<>(world.events.get(confirmed));
        events.add(events.get(1));
        world.events.put(confirmed, events);

        assertThat(failed(world.check(0))).isEmpty();
    }

    @Test
    void failsOnDeadLetters() {
        assertThat(failed(world.check(2))).containsExactly("no dead letters");
    }

    private static List<String> failed(List<Verdict> verdicts) {
        return verdicts.stream().filter(verdict -> !verdict.passed()).map(Verdict::invariant).toList();
    }

    private static Verdict verdict(List<Verdict> verdicts, String invariant) {
        return verdicts.stream().filter(verdict -> verdict.invariant().equals(invariant)).findFirst().orElseThrow();
    }

    /** The run's orders as the ledger, the topic and the databases each hold them. */
    private static final class World {

        final List<UUID> ids = new ArrayList<>();
        final List<AcceptedOrder> accepted = new ArrayList<>();
        final Map<UUID, String> statuses = new HashMap<>();
        final Map<UUID, List<Line>> lines = new HashMap<>();
        final Map<UUID, List<SeenEvent>> events = new HashMap<>();
        final Map<UUID, List<Notification>> notifications = new HashMap<>();
        final Map<String, Stock> stock = new HashMap<>();

        World order(List<Line> orderLines, String status, String... eventTypes) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            accepted.add(new AcceptedOrder(id, Phase.openLoop(100), 0, orderLines));
            statuses.put(id, status);
            lines.put(id, orderLines);
            List<SeenEvent> seen = new ArrayList<>();
            List<Notification> notified = new ArrayList<>();
            for (int i = 0; i < eventTypes.length; i++) {
                UUID eventId = UUID.randomUUID();
                seen.add(new SeenEvent(eventId, eventTypes[i], i + 1, 1000L * i));
                notified.add(new Notification(eventId, eventTypes[i], i + 1, 1000L * i + 500));
            }
            events.put(id, seen);
            notifications.put(id, notified);
            return this;
        }

        World stock(Stock sku) {
            stock.put(SKU, sku);
            return this;
        }

        List<Verdict> check(long deadLetters) {
            return InvariantCheck.check(accepted, new SystemSnapshot(statuses, lines, stock, notifications), STOCK_SET,
                    events, deadLetters);
        }
    }
}
