package dev.orderflow.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.console.ConsoleIntegrationTest;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.StockReserved;
import dev.orderflow.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConsoleStreamIT extends ConsoleIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOrderAppearsWithItsPartitionAndOffsetInEachGroupsLaneOnceTheGroupCommitsPastIt() throws Exception {
        Map<String, Object> props = KafkaTestUtils.consumerProps(brokers(), "inventory-service");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "inventory-service-it");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (SseReader stream = new SseReader(url("/console/stream"));
                KafkaConsumer<String, byte[]> inventory = new KafkaConsumer<>(props, new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            // A live member of inventory-service that owns every order-events partition.
            inventory.subscribe(List.of(Topics.ORDER_EVENTS));
            eventually().until(() -> {
                inventory.poll(Duration.ofMillis(100));
                return inventory.assignment().size() == PARTITIONS;
            });
            inventory.seekToEnd(inventory.assignment());
            inventory.assignment().forEach(inventory::position);

            UUID orderId = UUID.randomUUID();
            RecordMetadata placed = publish(Topics.ORDER_EVENTS, new OrderPlaced(UUID.randomUUID(), orderId, 1,
                    Instant.now(), "c-42", List.of(new OrderLine("SKU-001", 2))));

            eventually().untilAsserted(() -> assertThat(order(stream, orderId)).isNotNull());
            JsonNode pending = order(stream, orderId);
            assertThat(pending.get("partition").asInt()).isEqualTo(placed.partition());
            assertThat(pending.get("status").asString()).isEqualTo("PENDING");

            // inventory-service handles it and commits; notification-service's offset is moved as if it had.
            eventually().until(() -> !inventory.poll(Duration.ofMillis(100)).isEmpty());
            inventory.commitSync();
            commit("notification-service", placed);

            eventually().untilAsserted(() -> {
                JsonNode lanes = order(stream, orderId).get("lanes");
                for (String group : List.of("inventory-service", "notification-service")) {
                    JsonNode entry = lanes.get(group).get(0);
                    assertThat(entry.get("eventType").asString()).isEqualTo("OrderPlaced");
                    assertThat(entry.get("partition").asInt()).isEqualTo(placed.partition());
                    assertThat(entry.get("offset").asLong()).isEqualTo(placed.offset());
                    assertThat(entry.get("handledAfterMs").isNull()).as(group + " handled it").isFalse();
                }
            });

            // The group view: committed offset past the record, no lag, and the member that owns the partition.
            eventually().untilAsserted(() -> {
                JsonNode row = groupRow(stream.latest("groups"), "inventory-service", Topics.ORDER_EVENTS, placed.partition());
                assertThat(row.get("committed").asLong()).isEqualTo(placed.offset() + 1);
                assertThat(row.get("lag").asLong()).isZero();
                assertThat(row.get("owner").get("clientId").asString()).isEqualTo("inventory-service-it");
            });

            // inventory-service answers, order-service confirms; order-service's lane fills as its group commits.
            RecordMetadata reserved = publish(Topics.INVENTORY_EVENTS,
                    new StockReserved(UUID.randomUUID(), orderId, 1, Instant.now(), List.of(new OrderLine("SKU-001", 2))));
            publish(Topics.ORDER_EVENTS, new OrderConfirmed(UUID.randomUUID(), orderId, 2, Instant.now(), "c-42"));
            commit("order-service", reserved);
            eventually().untilAsserted(() -> {
                JsonNode order = order(stream, orderId);
                assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
                JsonNode entry = order.get("lanes").get("order-service").get(0);
                assertThat(entry.get("eventType").asString()).isEqualTo("StockReserved");
                assertThat(entry.get("offset").asLong()).isEqualTo(reserved.offset());
                assertThat(entry.get("handledAfterMs").isNull()).isFalse();
            });

            // The story: every event in order, with offsets, sequences and the trace.
            HttpResponse<String> story = get("/console/orders/" + orderId);
            assertThat(story.statusCode()).isEqualTo(200);
            JsonNode body = JsonMapper.builder().build().readTree(story.body());
            assertThat(body.get("traceId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(body.get("traceUrl").asString()).isEqualTo("http://traces.test/trace/4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(StreamSupport.stream(body.get("entries").spliterator(), false)
                    .map(e -> e.get("eventType").asString() + "#" + e.get("sequence").asLong()))
                    .containsExactly("OrderPlaced#1", "StockReserved#1", "OrderConfirmed#2");
        }
    }

    @Test
    void theClusterViewShowsBrokersControllerAndEveryTopicsPartitions() {
        try (SseReader stream = new SseReader(url("/console/stream"))) {
            eventually().untilAsserted(() -> {
                JsonNode cluster = stream.latest("cluster");
                assertThat(cluster).isNotNull();
                assertThat(cluster.get("error").isNull()).isTrue();
                assertThat(cluster.get("brokers").size()).isGreaterThanOrEqualTo(1);
                assertThat(cluster.get("controller").get("leaderId").asInt()).isGreaterThanOrEqualTo(0);
                JsonNode topics = cluster.get("topics");
                assertThat(StreamSupport.stream(topics.spliterator(), false).map(t -> t.get("name").asString()))
                        .containsExactlyInAnyOrder("order-events", "order-events-dlt", "inventory-events", "inventory-events-dlt");
                JsonNode partition = topics.get(0).get("partitions").get(0);
                assertThat(topics.get(0).get("partitions").size()).isEqualTo(PARTITIONS);
                assertThat(partition.get("leader").isNull()).isFalse();
                assertThat(partition.get("isr").size()).isEqualTo(partition.get("replicas").size());
            });
        }
    }

    @Test
    void deadLettersAndServicesThatDoNotAnswerShow() throws Exception {
        try (SseReader stream = new SseReader(url("/console/stream"))) {
            ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetterOf(Topics.ORDER_EVENTS),
                    UUID.randomUUID().toString(), "{not json".getBytes());
            dead.headers().add("event-type", "OrderPlaced".getBytes());
            dead.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, "event 'OrderPlaced' is not valid JSON".getBytes());
            dead.headers().add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(17).array());
            RecordMetadata written = publishRaw(dead);

            eventually().untilAsserted(() -> {
                JsonNode latest = stream.latest("deadLetters").get("latest");
                JsonNode mine = StreamSupport.stream(latest.spliterator(), false)
                        .filter(d -> d.get("offset").asLong() == written.offset() && d.get("partition").asInt() == written.partition())
                        .findFirst().orElseThrow();
                assertThat(mine.get("failure").asString()).contains("not valid JSON");
                assertThat(mine.get("originalOffset").asLong()).isEqualTo(17);
            });
            eventually().untilAsserted(() -> {
                JsonNode services = stream.latest("metrics").get("services");
                assertThat(services.size()).isEqualTo(3);
                services.forEach(s -> {
                    assertThat(s.get("answered").asInt()).isZero();
                    assertThat(s.get("error").asString()).contains("127.0.0.1:9");
                });
            });
        }
    }

    @Test
    void thePageAndItsConfigurationAreServedUnderTheConsolePrefix() throws Exception {
        HttpResponse<String> page = get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>orderflow console</title>");
        assertThat(get("/console/js/main.js").statusCode()).isEqualTo(200);

        JsonNode config = JsonMapper.builder().build().readTree(get("/console/config.json").body());
        JsonNode signIn = config.get("signIn");
        assertThat(signIn.get("authorizationEndpoint").asString()).isEqualTo("http://auth.test/oauth2/authorize");
        assertThat(signIn.get("tokenEndpoint").asString()).isEqualTo("http://auth.test/oauth2/token");
        assertThat(signIn.get("clientId").asString()).isEqualTo("console");
        assertThat(signIn.get("redirectUri").asString()).isEqualTo("http://localhost:8080/console/");
        assertThat(signIn.get("scopes").asString()).isEqualTo("openid orders.read orders.write inventory.write");
        assertThat(config.toString()).doesNotContainIgnoringCase("secret");

        assertThat(get("/console/orders/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("/console/orders/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    private static JsonNode order(SseReader stream, UUID orderId) {
        JsonNode found = null;
        for (JsonNode event : stream.named("orders")) {
            for (JsonNode order : event.get("orders")) {
                if (order.get("orderId").asString().equals(orderId.toString())) {
                    found = order;
                }
            }
        }
        return found;
    }

    private static JsonNode groupRow(JsonNode groups, String group, String topic, int partition) {
        for (JsonNode g : groups.get("groups")) {
            if (g.get("groupId").asString().equals(group)) {
                for (JsonNode row : g.get("partitions")) {
                    if (row.get("topic").asString().equals(topic) && row.get("partition").asInt() == partition) {
                        return row;
                    }
                }
            }
        }
        throw new AssertionError("no row for " + group + " " + topic + "-" + partition);
    }

    /** Until the stream has sent what is asserted on: a missing event or field is not a failure yet. */
    private static org.awaitility.core.ConditionFactory eventually() {
        return await().atMost(WAIT).ignoreExceptions();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
