package dev.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.e2e.GatewayClient.Line;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The promises of docs/CONTRACT.md, checked from outside once the system is quiet: through the gateway, in
 * Kafka and in the services' logs. Each check fails with what it found, not just that it found something.
 */
public final class Invariants {

    public static final Set<String> FINAL_STATUSES = Set.of("CONFIRMED", "REJECTED", "CANCELLED");
    private static final String ORDER_EVENTS = "order-events";

    private final KafkaAccess kafka;
    private final Supplier<List<String>> consumerLogLines;
    private final GatewayClient gateway;

    public Invariants(OrderFlowSystem system, GatewayClient gateway) {
        this(system.kafka(), system::consumerLogLines, gateway);
    }

    /** {@code consumerLogLines}: every line every consumer instance logged, dead or alive. */
    public Invariants(KafkaAccess kafka, Supplier<List<String>> consumerLogLines, GatewayClient gateway) {
        this.kafka = kafka;
        this.consumerLogLines = consumerLogLines;
        this.gateway = gateway;
    }

    /** Waits until every order has a final status and returns them; fails naming the orders still pending. */
    public Map<String, String> awaitFinalStatuses(Collection<String> orderIds, Duration timeout) {
        Map<String, String> statuses = new ConcurrentHashMap<>();
        await("every accepted order (" + orderIds.size() + ") in a final status").atMost(timeout)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (String orderId : orderIds) {
                        if (!statuses.containsKey(orderId)) {
                            JsonResponse order = gateway.order(orderId);
                            if (order.status() == 200 && FINAL_STATUSES.contains(order.field("status"))) {
                                statuses.put(orderId, order.field("status"));
                            }
                        }
                    }
                    assertThat(orderIds).as("orders not yet CONFIRMED, REJECTED or CANCELLED").allMatch(statuses::containsKey);
                });
        return Map.copyOf(statuses);
    }

    /** How many of the orders have each final status, e.g. {@code {CANCELLED=40, CONFIRMED=120, REJECTED=40}}. */
    public static Map<String, Long> tally(Map<String, String> statuses) {
        Map<String, Long> tally = new TreeMap<>();
        FINAL_STATUSES.forEach(status -> tally.put(status, 0L));
        statuses.values().forEach(status -> tally.merge(status, 1L, Long::sum));
        return tally;
    }

    /**
     * Per SKU, once quiet: {@code available + reserved} is what PUT set, and {@code reserved} is the sum of the
     * SKU's quantities over the CONFIRMED orders. Only valid for SKUs no other orders touch.
     */
    public void assertStockConserved(Map<String, Integer> initialStock, Map<String, List<Line>> orders,
            Map<String, String> statuses) {
        Map<String, Integer> expectedReserved = new HashMap<>();
        initialStock.keySet().forEach(sku -> expectedReserved.put(sku, 0));
        orders.forEach((orderId, lines) -> {
            if ("CONFIRMED".equals(statuses.get(orderId))) {
                lines.forEach(line -> expectedReserved.merge(line.sku(), line.quantity(), Integer::sum));
            }
        });
        await("stock of " + initialStock.keySet() + " matching the final orders").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> initialStock.forEach((sku, initial) -> {
                    JsonResponse stock = gateway.stock(sku);
                    assertThat(stock.status()).as("GET stock %s", sku).isEqualTo(200);
                    int available = stock.body().path("available").asInt();
                    int reserved = stock.body().path("reserved").asInt();
                    assertThat(available + reserved).as("%s available + reserved (PUT set %d)", sku, initial).isEqualTo(initial);
                    assertThat(reserved).as("%s reserved = units of its CONFIRMED orders", sku).isEqualTo(expectedReserved.get(sku));
                }));
    }

    /**
     * Each order's notifications, from the API, are exactly one per distinct event the topic holds for it, in
     * the order they were published. Returns how many notifications that is in total.
     */
    public int assertOneNotificationPerEventInOrder(Set<String> orderIds) {
        Map<String, List<String>> publishedTypes = publishedEventTypes(orderIds);
        assertThat(publishedTypes.keySet()).as("orders with events in " + ORDER_EVENTS).containsExactlyInAnyOrderElementsOf(orderIds);
        await("one notification per event of each of " + orderIds.size() + " orders").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Map<String, List<String>> notified = new LinkedHashMap<>();
                    for (String orderId : orderIds) {
                        notified.put(orderId, gateway.notificationsOf(orderId).fieldOfEach("eventType"));
                    }
                    assertThat(notified).as("event types of each order's notifications vs. its events in " + ORDER_EVENTS)
                            .isEqualTo(publishedTypes);
                });
        return publishedTypes.values().stream().mapToInt(List::size).sum();
    }

    /** For each order, the types of its distinct events in {@code order-events} (a record published twice counts once), in offset order. */
    public Map<String, List<String>> publishedEventTypes(Set<String> orderIds) {
        Map<String, List<String>> types = new HashMap<>();
        Map<String, Set<String>> seenEventIds = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicRecords.read(kafka, ORDER_EVENTS, orderIds::contains)) {
            String eventId = header(record, "event-id");
            if (seenEventIds.computeIfAbsent(record.key(), key -> new LinkedHashSet<>()).add(eventId)) {
                types.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(header(record, "event-type"));
            }
        }
        return types;
    }

    /** Lines beginning {@code OUT OF ORDER} in every consumer's log, all instances, dead or alive. */
    public List<String> outOfOrderReports() {
        return consumerLogLines.get().stream().filter(line -> line.contains("OUT OF ORDER")).toList();
    }

    /** Handled-event lines ending {@code -> duplicate, skipped} in every consumer's log. */
    public List<String> duplicatesAbsorbed() {
        return consumerLogLines.get().stream().filter(line -> line.contains("-> duplicate, skipped")).toList();
    }

    /** Records in the dead-letter topics of both event topics. */
    public long deadLetterRecords() {
        try (Admin admin = kafka.admin()) {
            return List.of("order-events-dlt", "inventory-events-dlt").stream()
                    .mapToLong(topic -> TopicOffsets.recordCounts(admin, topic).values().stream().mapToLong(Long::longValue).sum())
                    .sum();
        }
    }

    /** Waits until both consumer groups of order-events, and order-service on inventory-events, have committed the end of every partition. */
    public void awaitConsumersCaughtUp(Duration timeout) {
        try (Admin admin = kafka.admin()) {
            await("every consumer group caught up with its topic").atMost(timeout).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        Map<Integer, Long> orderEventsEnd = TopicOffsets.endOffsets(admin, ORDER_EVENTS);
                        assertThat(TopicOffsets.committedOffsets(admin, "inventory-service", ORDER_EVENTS)).as("inventory-service").isEqualTo(orderEventsEnd);
                        assertThat(TopicOffsets.committedOffsets(admin, "notification-service", ORDER_EVENTS)).as("notification-service").isEqualTo(orderEventsEnd);
                        assertThat(TopicOffsets.committedOffsets(admin, "order-service", "inventory-events")).as("order-service")
                                .isEqualTo(TopicOffsets.endOffsets(admin, "inventory-events"));
                    });
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
