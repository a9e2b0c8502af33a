package dev.orderflow.e2e;

import static dev.orderflow.e2e.GatewayClient.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The system as a client sees it: the services and a Kafka cluster as separate processes, driven only
 * through the gateway's HTTP API; then Kafka and the processes' logs are read to see that every consumer
 * group received every event, in order, and that none of these orders ended up in a dead-letter topic.
 * The system is shared with the other end-to-end tests ({@link RunningSystem}); each test uses SKUs of its own.
 */
@ExtendWith(RunningSystem.class)
class OrderFlowEndToEndIT {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    private static OrderFlowSystem system;
    private static GatewayClient gateway;

    @BeforeAll
    static void connect(OrderFlowSystem running) {
        system = running;
        gateway = system.gateway();
    }

    @Test
    void confirmsAnOrderWhoseStockIsAvailableAndNotifiesTheCustomerInOrder() {
        String keyboard = uniqueSku("KEYBOARD");
        String mouse = uniqueSku("MOUSE");
        assertThat(gateway.setStock(keyboard, 10).status()).isEqualTo(200);
        assertThat(gateway.setStock(mouse, 5).status()).isEqualTo(200);

        JsonResponse placed = gateway.placeOrder("c-42", line(keyboard, 2), line(mouse, 1));

        assertThat(placed.status()).isEqualTo(202);
        assertThat(placed.field("status")).isEqualTo("PENDING");
        String orderId = placed.field("orderId");
        assertThat(placed.headers().firstValue("Location")).hasValue("/api/orders/" + orderId);

        JsonResponse confirmed = awaitStatus(orderId, "CONFIRMED");
        assertThat(confirmed.field("customerId")).isEqualTo("c-42");
        assertThat(confirmed.body().path("rejectionReason").isNull()).isTrue();
        assertStock(keyboard, 8, 2);
        assertStock(mouse, 4, 1);
        assertThat(awaitNotifications(orderId, 2)).containsExactly("OrderPlaced", "OrderConfirmed");
    }

    @Test
    void rejectsAnOrderForMoreThanTheStockNamingTheSkuAndReservesNothing() {
        String plenty = uniqueSku("CABLE");
        String scarce = uniqueSku("MONITOR");
        gateway.setStock(plenty, 50);
        gateway.setStock(scarce, 3);

        String orderId = gateway.placeOrder("c-7", line(plenty, 1), line(scarce, 5)).field("orderId");

        JsonResponse rejected = awaitStatus(orderId, "REJECTED");
        assertThat(rejected.field("rejectionReason")).contains(scarce).doesNotContain(plenty);
        assertStock(plenty, 50, 0);
        assertStock(scarce, 3, 0);
        assertThat(awaitNotifications(orderId, 2)).containsExactly("OrderPlaced", "OrderRejected");
    }

    @Test
    void cancellingAConfirmedOrderPutsItsUnitsBackAndNotifiesTheCustomer() {
        String sku = uniqueSku("LAMP");
        gateway.setStock(sku, 6);
        String orderId = gateway.placeOrder("c-9", line(sku, 4)).field("orderId");
        awaitStatus(orderId, "CONFIRMED");
        assertStock(sku, 2, 4);

        JsonResponse cancelled = gateway.cancelOrder(orderId);

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.field("status")).isEqualTo("CANCELLED");
        await("units of the cancelled order back in stock").atMost(EVENTUALLY).untilAsserted(() -> {
            JsonResponse stock = gateway.stock(sku);
            // available + reserved only changes through PUT, so every observation on the way sums to 6.
            assertThat(stock.body().path("available").asInt() + stock.body().path("reserved").asInt()).isEqualTo(6);
            assertThat(stock.body().path("reserved").asInt()).isZero();
        });
        assertThat(awaitNotifications(orderId, 3)).containsExactly("OrderPlaced", "OrderConfirmed", "OrderCancelled");
        assertThat(gateway.cancelOrder(orderId).status()).isEqualTo(409);
    }

    @Test
    void everyConsumerLogsTheOrdersEventsWithItsGroupInSequence() {
        String sku = uniqueSku("DESK");
        gateway.setStock(sku, 1);
        String orderId = gateway.placeOrder("c-3", line(sku, 1)).field("orderId");
        awaitStatus(orderId, "CONFIRMED");
        gateway.cancelOrder(orderId);
        awaitNotifications(orderId, 3);

        for (Service consumer : List.of(Service.INVENTORY_SERVICE, Service.NOTIFICATION_SERVICE)) {
            // The group's instances share the partitions; whichever holds the order's partition logs its events.
            List<ManagedProcess> instances = system.processesOf(Set.of(consumer));
            await(consumer.module() + " logging the three events of " + orderId).atMost(EVENTUALLY)
                    .until(() -> handledBy(instances, orderId).size() >= 3);
            List<HandledEvent> handled = handledBy(instances, orderId);

            assertThat(handled).as("handled-event lines of %s in the logs of %s", orderId, instances)
                    .extracting(HandledEvent::eventType, HandledEvent::sequence)
                    .containsExactly(
                            tuple("OrderPlaced", 1),
                            tuple("OrderConfirmed", 2),
                            tuple("OrderCancelled", 3));
            assertThat(handled).allSatisfy(event -> {
                assertThat(event.group()).isEqualTo(consumer.consumerGroup());
                // One key, one partition: the order's events are consumed in the order they were published.
                assertThat(event.topicPartition()).isEqualTo(handled.get(0).topicPartition()).startsWith("order-events-");
                assertThat(event.outcome()).doesNotContain("duplicate");
            });
            assertThat(handled).extracting(HandledEvent::offset).doesNotHaveDuplicates();
        }
    }

    @Test
    void oneOrderIsOneTraceInTheLogsOfEveryProcessItCrosses() {
        String sku = uniqueSku("LAMP");
        gateway.setStock(sku, 5);
        // The client names the trace (W3C traceparent), so the test knows which id to look for from the first hop.
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String clientSpanId = traceId.substring(0, 16);
        String orderId = gateway.placeOrder(Map.of("traceparent", "00-" + traceId + "-" + clientSpanId + "-01"), "c-trace",
                line(sku, 1)).field("orderId");
        awaitStatus(orderId, "CONFIRMED");
        awaitNotifications(orderId, 2);

        // gateway -> order-service -> outbox relay -> both groups -> inventory's reply via its outbox -> order-service
        // -> OrderConfirmed via the outbox again -> both groups: every hop's line carries the client's trace id.
        await("the log lines of trace " + traceId).atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(linesInTrace(Service.GATEWAY, traceId)).as("gateway lines in trace %s", traceId)
                    .anySatisfy(line -> assertThat(line).contains("POST /api/orders -> 202 order-service"));
            assertThat(linesInTrace(Service.ORDER_SERVICE, traceId)).as("order-service lines in trace %s", traceId)
                    .anySatisfy(line -> assertThat(line).contains("Order accepted orderId=" + orderId))
                    .anySatisfy(line -> assertThat(line).contains("StockReserved orderId=" + orderId));
            for (Service consumer : List.of(Service.INVENTORY_SERVICE, Service.NOTIFICATION_SERVICE)) {
                assertThat(linesInTrace(consumer, traceId)).as("%s lines in trace %s", consumer.module(), traceId)
                        .anySatisfy(line -> assertThat(line).contains("OrderPlaced orderId=" + orderId)
                                .contains("group=" + consumer.consumerGroup()))
                        .anySatisfy(line -> assertThat(line).contains("OrderConfirmed orderId=" + orderId));
            }
        });
    }

    @Test
    void bothConsumerGroupsReceiveEveryOrderEventAndNoneOfThemIsDeadLettered() {
        String sku = uniqueSku("CHAIR");
        gateway.setStock(sku, 2);
        String confirmed = gateway.placeOrder("c-5", line(sku, 2)).field("orderId");
        awaitStatus(confirmed, "CONFIRMED");
        String rejected = gateway.placeOrder("c-5", line(sku, 1)).field("orderId");
        awaitStatus(rejected, "REJECTED");

        try (Admin admin = system.kafka().admin()) {
            assertThat(TopicOffsets.partitionCount(admin, "order-events")).isEqualTo(6);
            await("both groups committed the end of every order-events partition").atMost(EVENTUALLY)
                    .untilAsserted(() -> {
                        var endOffsets = TopicOffsets.endOffsets(admin, "order-events");
                        assertThat(endOffsets.values().stream().mapToLong(Long::longValue).sum()).isPositive();
                        assertThat(TopicOffsets.committedOffsets(admin, "inventory-service", "order-events"))
                                .isEqualTo(endOffsets);
                        assertThat(TopicOffsets.committedOffsets(admin, "notification-service", "order-events"))
                                .isEqualTo(endOffsets);
                    });
            await("order-service committed the end of every inventory-events partition").atMost(EVENTUALLY)
                    .untilAsserted(() -> assertThat(TopicOffsets.committedOffsets(admin, "order-service", "inventory-events"))
                            .isEqualTo(TopicOffsets.endOffsets(admin, "inventory-events")));

            List<String> deadLetterTopics = admin.listTopics().names().get().stream()
                    .filter(topic -> topic.endsWith("-dlt")).sorted().toList();
            assertThat(deadLetterTopics).contains("order-events-dlt", "inventory-events-dlt");
            // Other tests put poison records in order-events-dlt on purpose; none of these orders may be there.
            for (String topic : deadLetterTopics) {
                assertThat(TopicRecords.read(system.kafka(), topic, Set.of(confirmed, rejected)::contains))
                        .as("records of %s and %s in %s", confirmed, rejected, topic).isEmpty();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError("Kafka did not answer", e);
        }
    }

    /** The order's handled-event lines from all the instances' logs, in the order of their offsets. */
    /** Every line of every instance of {@code service} that carries {@code traceId}. */
    private static List<String> linesInTrace(Service service, String traceId) {
        return system.processesOf(Set.of(service)).stream()
                .flatMap(process -> process.logLines().stream())
                .filter(line -> line.contains(traceId))
                .toList();
    }

    private static List<HandledEvent> handledBy(List<ManagedProcess> instances, String orderId) {
        return instances.stream()
                .flatMap(process -> HandledEvent.of(orderId, process.logLines()).stream())
                .sorted(Comparator.comparingLong(HandledEvent::offset))
                .toList();
    }

    private static JsonResponse awaitStatus(String orderId, String status) {
        return await("order " + orderId + " " + status).atMost(EVENTUALLY)
                .until(() -> gateway.order(orderId), order -> order.status() == 200 && order.field("status").equals(status));
    }

    /** The event types of the order's notifications, once there are {@code count} of them. */
    private static List<String> awaitNotifications(String orderId, int count) {
        return await("%d notifications of %s".formatted(count, orderId)).atMost(EVENTUALLY)
                .until(() -> gateway.notificationsOf(orderId).fieldOfEach("eventType"), types -> types.size() >= count);
    }

    private static void assertStock(String sku, int available, int reserved) {
        JsonResponse stock = gateway.stock(sku);
        assertThat(stock.status()).isEqualTo(200);
        assertThat(stock.body().path("available").asInt()).as("available %s", sku).isEqualTo(available);
        assertThat(stock.body().path("reserved").asInt()).as("reserved %s", sku).isEqualTo(reserved);
    }

    private static String uniqueSku(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
