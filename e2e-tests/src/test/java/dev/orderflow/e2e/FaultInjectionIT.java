package dev.orderflow.e2e;

import static dev.orderflow.e2e.GatewayClient.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.e2e.E2eReport.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The promise of Kafka, kept by the whole system while things break: nothing acknowledged is lost, even when
 * a broker or a consumer dies; every order's events are handled in order; each consumer group gets every
 * event and applies it once. Each scenario breaks one thing on the running system (three Kafka nodes, two
 * instances of each consumer), then checks the contract's invariants from outside, and writes what it did
 * and counted to {@code target/e2e-report.md}. The scenarios share one system and run in this order, each
 * with SKUs and customers of its own, so one scenario's orders cannot hide another's mistakes.
 */
@ExtendWith(RunningSystem.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    private static final String ORDER_EVENTS = "order-events";
    private static final Duration SETTLE = Duration.ofMinutes(3);

    private static OrderFlowSystem system;
    private static GatewayClient gateway;
    private static Invariants invariants;

    @BeforeAll
    static void connect(OrderFlowSystem running) {
        system = running;
        gateway = system.gateway();
        invariants = new Invariants(system, gateway);
    }

    @Test
    @Order(1)
    void concurrentOrdersAndCancelsForHotSkusKeepStockAndNotificationsExact() {
        scenario("Contention: concurrent orders and cancels on hot SKUs",
                "every accepted order reaches a final status; per SKU available + reserved is conserved and reserved"
                        + " equals the units of CONFIRMED orders; one notification per event, in order", scenario ->
                        loadWithFault(scenario, "contention", 240, Duration.ofSeconds(15), () -> { }));
    }

    @Test
    @Order(2)
    void killingAnInventoryInstanceMidLoadMovesItsPartitionsAndLosesOrDoublesNothing() {
        scenario("kill -9 of an inventory-service instance under load",
                "the surviving instance takes over the dead one's partitions: nothing lost, nothing applied twice;"
                        + " the instance comes back and gets partitions again", scenario -> {
                    ServiceInstance victim = system.instances(Service.INVENTORY_SERVICE).get(1);
                    List<String> assignedBefore = partitionAssignments(victim.process().logLines());
                    scenario.step("%s (pid %d) holds %s", victim.name(), victim.process().pid(),
                            assignedBefore.isEmpty() ? "?" : assignedBefore.get(assignedBefore.size() - 1));
                    loadWithFault(scenario, "inventory-kill", 200, Duration.ofSeconds(15), () -> {
                        victim.process().kill();
                        scenario.step("killed %s with SIGKILL in the middle of the load", victim.name());
                    });
                    int linesBeforeRestart = victim.process().logLines().size();
                    ServiceInstance restarted = system.restart(victim);
                    await(restarted.name() + " assigned partitions after its restart").atMost(Duration.ofSeconds(60))
                            .until(() -> !partitionAssignments(linesAfter(restarted, linesBeforeRestart)).isEmpty());
                    List<String> assignedAfter = partitionAssignments(linesAfter(restarted, linesBeforeRestart));
                    assertThat(String.join(" ", assignedAfter)).as("partitions assigned to %s after its restart", restarted.name())
                            .contains("order-events-");
                    scenario.step("restarted %s; its log says: %s", restarted.name(), String.join("; ", assignedAfter));
                });
    }

    @Test
    @Order(3)
    void killingTheBrokerLeadingMostPartitionsMidLoadLosesNoAcceptedOrder() {
        scenario("kill -9 of the Kafka node leading most order-events partitions, under load",
                "with replication factor 3 and min.insync.replicas 2 every order the gateway accepted is still"
                        + " processed; the node comes back and catches up", scenario -> {
                    KafkaBroker victim = system.kafka().leaderOfMostPartitions(ORDER_EVENTS);
                    scenario.step("kafka-%d leads the most order-events partitions; in-sync replicas %s", victim.nodeId(),
                            system.kafka().inSyncReplicas(ORDER_EVENTS));
                    loadWithFault(scenario, "broker-kill", 200, Duration.ofSeconds(15), () -> {
                        victim.kill();
                        scenario.step("killed kafka-%d with SIGKILL in the middle of the load", victim.nodeId());
                    });
                    scenario.step("while kafka-%d was down: in-sync replicas %s", victim.nodeId(),
                            system.kafka().inSyncReplicas(ORDER_EVENTS));
                    system.kafka().restart(victim);
                    await("kafka-" + victim.nodeId() + " back in sync on every order-events partition").atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofSeconds(1))
                            .untilAsserted(() -> assertThat(system.kafka().inSyncReplicas(ORDER_EVENTS))
                                    .allSatisfy((partition, inSync) -> assertThat(inSync).contains(victim.nodeId())));
                    scenario.step("restarted kafka-%d; in-sync replicas %s", victim.nodeId(),
                            system.kafka().inSyncReplicas(ORDER_EVENTS));
                });
    }

    @Test
    @Order(4)
    void ordersAcceptedRightBeforeOrderServiceIsKilledAreDeliveredByItsOutboxAfterRestart() {
        scenario("kill -9 of order-service right after it accepted orders",
                "an accepted order is in the outbox, and its events leave after a restart: all of them processed, none twice",
                scenario -> {
                    String customer = uniqueName("c-outbox");
                    String sku = uniqueName("OUTBOX");
                    assertThat(gateway.setStock(sku, 10_000).status()).isEqualTo(200);
                    Snapshot before = Snapshot.take();
                    // With Kafka frozen the relay cannot publish, so the events of the orders accepted now are
                    // certainly still in the outbox when order-service dies: the restart alone must deliver them.
                    system.kafka().pause();
                    OrderLoad.Result result;
                    try {
                        scenario.step("froze the three Kafka nodes (SIGSTOP): order-service accepts orders but cannot publish");
                        OrderLoad load = OrderLoad.start(gateway, customer, List.of(sku), 30, Duration.ofSeconds(1), 0, 4);
                        result = load.awaitSent(Duration.ofSeconds(30));
                        system.instance(Service.ORDER_SERVICE).process().kill();
                    } finally {
                        system.kafka().resume();
                    }
                    Set<String> accepted = result.accepted().keySet();
                    assertThat(result.refused()).as("orders the gateway refused while Kafka was frozen").isZero();
                    Set<String> publishedBeforeRestart = invariants.publishedEventTypes(accepted).keySet();
                    scenario.step("killed order-service with SIGKILL right after it accepted %d orders, then let Kafka run again:"
                            + " %d of them had their OrderPlaced in Kafka", accepted.size(), publishedBeforeRestart.size());
                    assertThat(publishedBeforeRestart).as("accepted orders whose OrderPlaced reached Kafka before the restart")
                            .hasSizeLessThan(accepted.size());
                    system.restart(system.instance(Service.ORDER_SERVICE));
                    scenario.step("restarted order-service");

                    Map<String, String> statuses = invariants.awaitFinalStatuses(gateway.ordersOf(customer).keySet(), SETTLE);
                    assertThat(statuses.keySet()).as("orders of %s after the restart", customer).containsExactlyInAnyOrderElementsOf(accepted);
                    Map<String, List<GatewayClient.Line>> lines = statuses.keySet().stream()
                            .collect(Collectors.toMap(orderId -> orderId, orderId -> linesOf(orderId)));
                    invariants.assertStockConserved(Map.of(sku, 10_000), lines, statuses);
                    int notifications = invariants.assertOneNotificationPerEventInOrder(statuses.keySet());
                    scenario.count("accepted", accepted.size()).count("OrderPlaced in Kafka before the restart", publishedBeforeRestart.size())
                            .count("delivered by the outbox after the restart", accepted.size() - publishedBeforeRestart.size());
                    countOutcome(scenario, statuses, notifications, before);
                });
    }

    @Test
    @Order(5)
    void inventoryStallsWhileItsDatabaseIsUnavailableAndResumesSkippingNothing() {
        scenario("PostgreSQL unavailable to inventory-service for ~10 s",
                "consumption stalls and retries without limit (ADR 2), then resumes: nothing lost, nothing skipped,"
                        + " nothing dead-lettered", scenario -> {
                    String database = system.databaseOf(Service.INVENTORY_SERVICE);
                    String customer = uniqueName("c-db-outage");
                    String sku = uniqueName("DBOUT");
                    assertThat(gateway.setStock(sku, 30).status()).isEqualTo(200);
                    Snapshot before = Snapshot.take();
                    int logLinesBefore = inventoryLogLines().size();

                    system.postgres().allowConnections(database, false);
                    scenario.step("ALTER DATABASE %s ALLOW_CONNECTIONS false, and ended its sessions", database);
                    Map<String, List<GatewayClient.Line>> accepted;
                    try {
                        // The outage lasts as long as these clients take: 20 orders over 10 s.
                        accepted = OrderLoad.start(gateway, customer, List.of(sku), 20, Duration.ofSeconds(10), 0.2, 5)
                                .awaitSent(Duration.ofSeconds(60)).accepted();
                        Map<String, String> duringOutage = new LinkedHashMap<>();
                        accepted.keySet().forEach(orderId -> duringOutage.put(orderId, gateway.order(orderId).field("status")));
                        assertThat(duringOutage).as("orders placed while inventory-service has no database")
                                .allSatisfy((orderId, status) -> assertThat(status).isIn("PENDING", "CANCELLED"));
                        scenario.step("placed %d orders over 10 s; at the end of the outage none is CONFIRMED or REJECTED", accepted.size());
                    } finally {
                        system.postgres().allowConnections(database, true);
                    }
                    scenario.step("ALTER DATABASE %s ALLOW_CONNECTIONS true", database);

                    Map<String, String> statuses = invariants.awaitFinalStatuses(accepted.keySet(), SETTLE);
                    invariants.assertStockConserved(Map.of(sku, 30), accepted, statuses);
                    int notifications = invariants.assertOneNotificationPerEventInOrder(accepted.keySet());
                    long failedAttempts = inventoryLogLines().stream().skip(logLinesBefore)
                            .filter(line -> line.contains("HikariPool") || line.contains("accepting connections"))
                            .count();
                    scenario.count("accepted", accepted.size()).count("inventory log lines about lost connections", failedAttempts);
                    assertThat(invariants.deadLetterRecords()).as("dead-lettered records after the outage").isEqualTo(before.deadLetters());
                    countOutcome(scenario, statuses, notifications, before);
                });
    }

    @Test
    @Order(6)
    void poisonRecordsGoToTheDeadLetterTopicWithTheirErrorAndThePartitionKeepsFlowing() {
        scenario("Poison records on order-events",
                "a record that is not JSON and one of an unknown event type land in order-events-dlt, for each"
                        + " group, with the error in their headers; a valid order behind them on the same partition completes",
                scenario -> {
                    Snapshot before = Snapshot.take();
                    String poisonKey = UUID.randomUUID().toString();
                    int partitions = 6;
                    int partition = TopicRecords.partitionOf(poisonKey, partitions);
                    TopicRecords.publish(system.kafka(), record(poisonKey, "OrderPlaced", "this is { not JSON".getBytes(StandardCharsets.UTF_8)));
                    TopicRecords.publish(system.kafka(), record(poisonKey, "OrderShipped",
                            ("{\"eventId\":\"" + UUID.randomUUID() + "\",\"orderId\":\"" + poisonKey
                                    + "\",\"sequence\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8)));
                    scenario.step("wrote a record that is not JSON and one of type OrderShipped to order-events-%d (key %s)",
                            partition, poisonKey);

                    String sku = uniqueName("POISON");
                    gateway.setStock(sku, 100);
                    String customer = uniqueName("c-poison");
                    String behindThePoison = null;
                    for (int attempt = 0; attempt < 60 && behindThePoison == null; attempt++) {
                        String orderId = gateway.placeOrder(customer, line(sku, 1)).field("orderId");
                        if (TopicRecords.partitionOf(orderId, partitions) == partition) {
                            behindThePoison = orderId;
                        }
                    }
                    assertThat(behindThePoison).as("an order on partition %d", partition).isNotNull();
                    scenario.step("placed orders until one, %s, landed on order-events-%d behind the poison", behindThePoison, partition);

                    Map<String, String> statuses = invariants.awaitFinalStatuses(gateway.ordersOf(customer).keySet(), SETTLE);
                    assertThat(statuses).containsEntry(behindThePoison, "CONFIRMED");
                    int notifications = invariants.assertOneNotificationPerEventInOrder(statuses.keySet());

                    List<ConsumerRecord<String, byte[]>> deadLetters = await("both groups dead-lettering both poison records")
                            .atMost(Duration.ofSeconds(60))
                            .until(() -> TopicRecords.read(system.kafka(), "order-events-dlt", poisonKey::equals), found -> found.size() >= 4);
                    assertThat(deadLetters).as("poison records in order-events-dlt").hasSize(4).allSatisfy(deadLetter -> {
                        assertThat(deadLetter.partition()).as("dead-letter partition").isEqualTo(partition);
                        assertThat(Invariants.header(deadLetter, "kafka_dlt-exception-message")).as("error header").isNotBlank();
                        assertThat(Invariants.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(ORDER_EVENTS);
                    });
                    assertThat(deadLetters).extracting(deadLetter -> Invariants.header(deadLetter, "kafka_dlt-original-consumer-group"))
                            .containsExactlyInAnyOrder("inventory-service", "inventory-service", "notification-service", "notification-service");
                    // spring-kafka's message header says only "failed to deserialize"; the contract's own reason is
                    // in the cause, which the stack-trace header carries.
                    assertThat(deadLetters).extracting(deadLetter -> Invariants.header(deadLetter, "kafka_dlt-exception-stacktrace"))
                            .anySatisfy(trace -> assertThat(trace).contains("not valid JSON"))
                            .anySatisfy(trace -> assertThat(trace).contains("unknown event type 'OrderShipped'"));
                    deadLetters.stream().map(deadLetter -> Invariants.header(deadLetter, "kafka_dlt-original-consumer-group")
                                    + ": " + Invariants.header(deadLetter, "kafka_dlt-exception-message") + " / "
                                    + Invariants.header(deadLetter, "kafka_dlt-exception-stacktrace").lines()
                                            .filter(line -> line.contains("UnreadableEventException")).findFirst().orElse("?").strip())
                            .distinct().forEach(error -> scenario.step("order-events-dlt-%d says %s", partition, error));
                    countOutcome(scenario, statuses, notifications, before);
                    scenario.count("poison records dead-lettered (2 records x 2 groups)", deadLetters.size());
                });
    }

    @Test
    @Order(7)
    void anEventDeliveredTwiceToBothGroupsHasNoSecondEffect() {
        scenario("The same event delivered twice",
                "an OrderPlaced read back from order-events and published again with its key and headers changes no"
                        + " stock and makes no second notification; both groups log it as a duplicate", scenario -> {
                    String sku = uniqueName("TWICE");
                    gateway.setStock(sku, 10);
                    String orderId = gateway.placeOrder(uniqueName("c-twice"), line(sku, 3)).field("orderId");
                    invariants.awaitFinalStatuses(Set.of(orderId), SETTLE);
                    invariants.assertStockConserved(Map.of(sku, 10), Map.of(orderId, List.of(line(sku, 3))), Map.of(orderId, "CONFIRMED"));
                    invariants.assertOneNotificationPerEventInOrder(Set.of(orderId));
                    Snapshot before = Snapshot.take();

                    ConsumerRecord<String, byte[]> placed = TopicRecords.read(system.kafka(), ORDER_EVENTS, orderId::equals).stream()
                            .filter(record -> "OrderPlaced".equals(Invariants.header(record, "event-type")))
                            .findFirst().orElseThrow();
                    ProducerRecord<String, byte[]> again = new ProducerRecord<>(ORDER_EVENTS, null, placed.key(), placed.value(), placed.headers());
                    var metadata = TopicRecords.publish(system.kafka(), again);
                    scenario.step("read OrderPlaced of %s (event-id %s) at %s-%d@%d and published it again at offset %d",
                            orderId, Invariants.header(placed, "event-id"), ORDER_EVENTS, placed.partition(), placed.offset(), metadata.offset());

                    invariants.awaitConsumersCaughtUp(Duration.ofSeconds(60));
                    invariants.assertStockConserved(Map.of(sku, 10), Map.of(orderId, List.of(line(sku, 3))), Map.of(orderId, "CONFIRMED"));
                    assertThat(gateway.notificationsOf(orderId).fieldOfEach("eventType")).as("notifications of " + orderId)
                            .containsExactly("OrderPlaced", "OrderConfirmed");
                    for (Service consumer : List.of(Service.INVENTORY_SERVICE, Service.NOTIFICATION_SERVICE)) {
                        List<HandledEvent> handled = system.processesOf(Set.of(consumer)).stream()
                                .flatMap(process -> HandledEvent.of(orderId, process.logLines()).stream()).toList();
                        assertThat(handled).as("%s handling the second OrderPlaced of %s", consumer.module(), orderId)
                                .anySatisfy(event -> {
                                    assertThat(event.offset()).isEqualTo(metadata.offset());
                                    assertThat(event.outcome()).isEqualTo("duplicate, skipped");
                                });
                    }
                    countOutcome(scenario, Map.of(orderId, "CONFIRMED"), 2, before);
                });
    }

    @Test
    @Order(8)
    void fiftyEventsOfOneOrderSpreadOverARebalanceAreHandledInSequence() {
        scenario("A burst of 50 events for one order across rebalances",
                "events 1..50 of one order, published over time while a third notification-service instance joins and"
                        + " leaves the group and then the instance handling the order stops, are notified in sequence 1..50,"
                        + " once each, with no OUT OF ORDER", scenario -> {
                    Snapshot before = Snapshot.take();
                    String orderId = UUID.randomUUID().toString();
                    String customer = uniqueName("c-burst");
                    publishConfirmations(orderId, customer, 1, 20);
                    scenario.step("published OrderConfirmed-style events 1..20 of order %s straight to order-events", orderId);
                    ServiceInstance third = system.startInstance(Service.NOTIFICATION_SERVICE);
                    scenario.step("started %s: the group rebalances", third.name());
                    publishConfirmations(orderId, customer, 21, 40);
                    third.process().stop();
                    scenario.step("published events 21..40, then stopped %s: the group rebalances again", third.name());
                    publishConfirmations(orderId, customer, 41, 45);
                    ServiceInstance owner = await("an instance handling event 45 of " + orderId).atMost(Duration.ofSeconds(90))
                            .until(() -> instanceThatHandled(orderId, 45), Optional::isPresent).orElseThrow();
                    owner.process().stop();
                    scenario.step("published events 41..45, then stopped %s, which handled them: the order's partition moves",
                            owner.name());
                    publishConfirmations(orderId, customer, 46, 50);
                    ServiceInstance successor = await("an instance handling event 50 of " + orderId).atMost(Duration.ofSeconds(90))
                            .until(() -> instanceThatHandled(orderId, 50), Optional::isPresent).orElseThrow();
                    assertThat(successor.name()).as("instance that handled event 50, after %s stopped", owner.name())
                            .isNotEqualTo(owner.name());
                    scenario.step("published events 46..50: %s handled them", successor.name());
                    // The gateway sends notification queries to the first instance, which may be the one stopped.
                    ServiceInstance restarted = system.restart(owner);
                    scenario.step("restarted %s", restarted.name());

                    List<JsonNode> notifications = await("50 notifications of " + orderId).atMost(Duration.ofSeconds(90))
                            .until(() -> elements(gateway.notificationsOf(orderId)), found -> found.size() >= 50);
                    assertThat(notifications).hasSize(50);
                    // The API lists them by sequence; the times they were recorded show they were also handled in that order.
                    List<Instant> recordedAt = notifications.stream().map(node -> Instant.parse(node.path("createdAt").asString())).toList();
                    assertThat(recordedAt).as("createdAt of the notifications, in sequence order").isSorted();
                    List<Integer> handledSequences = system.processesOf(Set.of(Service.NOTIFICATION_SERVICE)).stream()
                            .flatMap(process -> HandledEvent.of(orderId, process.logLines()).stream())
                            .filter(event -> !event.outcome().contains("duplicate"))
                            .map(HandledEvent::sequence).sorted().toList();
                    assertThat(handledSequences).as("sequences notified once each, over all instances")
                            .containsExactlyElementsOf(IntStream.rangeClosed(1, 50).boxed().toList());
                    assertThat(invariants.outOfOrderReports()).filteredOn(line -> line.contains(orderId)).isEmpty();
                    Map<String, Long> byInstance = system.processesOf(Set.of(Service.NOTIFICATION_SERVICE)).stream()
                            .collect(Collectors.toMap(ManagedProcess::name, process -> (long) HandledEvent.of(orderId, process.logLines()).size(),
                                    Long::sum, LinkedHashMap::new));
                    scenario.step("handled per notification-service instance: %s", byInstance);
                    scenario.count("events published", 50).count("notifications", notifications.size());
                    countOutcome(scenario, Map.of(), notifications.size(), before);
                });
    }

    /** The running notification-service instance whose log shows it handled (not skipped) event {@code sequence} of the order. */
    private static Optional<ServiceInstance> instanceThatHandled(String orderId, int sequence) {
        return system.instances(Service.NOTIFICATION_SERVICE).stream()
                .filter(instance -> instance.process().isAlive())
                .filter(instance -> HandledEvent.of(orderId, instance.process().logLines()).stream()
                        .anyMatch(event -> event.sequence() == sequence && !event.outcome().contains("duplicate")))
                .findFirst();
    }

    // ---------------------------------------------------------------------------------------------------

    /** Counters across the whole system taken at the start of a scenario, to report what the scenario added. */
    private record Snapshot(long deadLetters, int duplicates) {

        static Snapshot take() {
            return new Snapshot(invariants.deadLetterRecords(), invariants.duplicatesAbsorbed().size());
        }
    }

    /**
     * Hot SKUs with limited stock, {@code orders} orders over {@code spread} with a quarter of them cancelled, and
     * {@code fault} injected once half of them are accepted; then every invariant on those orders.
     */
    private static void loadWithFault(Scenario scenario, String name, int orders, Duration spread, Runnable fault) {
        Map<String, Integer> stock = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            stock.put(uniqueName("HOT" + i), 120);
        }
        stock.forEach((sku, units) -> assertThat(gateway.setStock(sku, units).status()).isEqualTo(200));
        Snapshot before = Snapshot.take();
        String customer = uniqueName("c-" + name);
        OrderLoad load = OrderLoad.start(gateway, customer, List.copyOf(stock.keySet()), orders, spread, 0.25, name.hashCode());
        scenario.step("%d orders of 1-2 lines of 1-3 units over %d s for 3 SKUs of 120 units each, a quarter cancelled soon after",
                orders, spread.toSeconds());
        await("half of the orders accepted").atMost(Duration.ofSeconds(60)).until(() -> load.acceptedSoFar() >= orders / 2);
        fault.run();
        OrderLoad.Result result = load.awaitSent(Duration.ofSeconds(120));
        scenario.count("accepted", result.accepted().size()).count("refused", result.refused())
                .count("cancels accepted", result.cancelsAccepted()).count("cancels refused (order already final)", result.cancelsRefused());
        assertThat(result.refused()).as("orders the gateway refused").isZero();

        Map<String, String> statuses = invariants.awaitFinalStatuses(result.accepted().keySet(), SETTLE);
        invariants.assertStockConserved(stock, result.accepted(), statuses);
        int notifications = invariants.assertOneNotificationPerEventInOrder(result.accepted().keySet());
        countOutcome(scenario, statuses, notifications, before);
    }

    /** Reports the counts every scenario gives, and fails on any out-of-order report anywhere. */
    private static void countOutcome(Scenario scenario, Map<String, String> statuses, int notifications, Snapshot before) {
        Invariants.tally(statuses).forEach((status, count) -> scenario.count(status.toLowerCase(), count));
        scenario.count("notifications", notifications)
                .count("dead-letter records added", invariants.deadLetterRecords() - before.deadLetters())
                .count("duplicates absorbed (log lines)", invariants.duplicatesAbsorbed().size() - before.duplicates());
        List<String> outOfOrder = invariants.outOfOrderReports();
        scenario.count("OUT OF ORDER reports (whole run)", outOfOrder.size());
        assertThat(outOfOrder).as("OUT OF ORDER lines in the consumers' logs").isEmpty();
    }

    private static void scenario(String title, String proves, Consumer<Scenario> body) {
        Scenario scenario = E2eReport.scenario(title, proves);
        try {
            body.accept(scenario);
            scenario.passed();
        } catch (RuntimeException | AssertionError e) {
            scenario.failed(e);
            throw e;
        }
    }

    private static void publishConfirmations(String orderId, String customer, int fromSequence, int toSequence) {
        for (int sequence = fromSequence; sequence <= toSequence; sequence++) {
            String json = "{\"eventId\":\"%s\",\"orderId\":\"%s\",\"sequence\":%d,\"occurredAt\":\"%s\",\"customerId\":\"%s\"}"
                    .formatted(UUID.randomUUID(), orderId, sequence, Instant.now(), customer);
            TopicRecords.publish(system.kafka(), record(orderId, "OrderConfirmed", json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static ProducerRecord<String, byte[]> record(String key, String eventType, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(ORDER_EVENTS, key, value);
        record.headers().add(new RecordHeader("event-type", eventType.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("event-id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static List<GatewayClient.Line> linesOf(String orderId) {
        List<GatewayClient.Line> lines = new ArrayList<>();
        gateway.order(orderId).body().path("items")
                .forEach(item -> lines.add(line(item.path("sku").asString(), item.path("quantity").asInt())));
        return lines;
    }

    private static List<JsonNode> elements(JsonResponse response) {
        List<JsonNode> elements = new ArrayList<>();
        response.body().forEach(elements::add);
        return elements;
    }

    private static List<String> inventoryLogLines() {
        return system.processesOf(Set.of(Service.INVENTORY_SERVICE)).stream().flatMap(process -> process.logLines().stream()).toList();
    }

    /** spring-kafka's "partitions assigned: [...]" lines about order-events. */
    private static List<String> partitionAssignments(List<String> logLines) {
        return logLines.stream().filter(line -> line.contains("partitions assigned: [order-events"))
                .map(line -> line.substring(line.indexOf("partitions assigned")))
                .toList();
    }

    private static List<String> linesAfter(ServiceInstance instance, int skipped) {
        List<String> lines = instance.process().logLines();
        return lines.subList(Math.min(skipped, lines.size()), lines.size());
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
