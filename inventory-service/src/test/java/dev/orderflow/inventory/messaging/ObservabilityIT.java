package dev.orderflow.inventory.messaging;

import static dev.orderflow.inventory.messaging.OrderEvents.line;
import static dev.orderflow.inventory.messaging.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.Topics;
import dev.orderflow.events.kafka.EventSerializer;
import dev.orderflow.inventory.InventoryServiceIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.web.servlet.MockMvc;

/** The order's trace goes through the listener and the outbox into the reply; the metrics at /actuator/prometheus. */
class ObservabilityIT extends InventoryServiceIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** The metrics the Grafana dashboard may use (e2e-tests' static test holds it to this list). */
    private static final Path EXPOSED_METRICS = Path.of("../docker/observability/exposed-metrics.txt");

    @Autowired
    MockMvc mvc;

    @Autowired
    ProducerFactory<Object, Object> producerFactory;

    @Test
    void answersInTheTraceOfTheOrderPlacedRecord() {
        String sku = uniqueSku("TRACE");
        stock(sku, 5, 0);
        UUID orderId = UUID.randomUUID();
        String traceId = randomHex(16);

        sendAsOrderServiceDoes(placed(orderId, 1, line(sku, 2)), "00-" + traceId + "-" + randomHex(8) + "-01");

        try (TopicReader replies = new TopicReader(brokers(), Topics.INVENTORY_EVENTS)) {
            await().atMost(PATIENCE).until(() -> !replies.recordsWithKey(orderId.toString()).isEmpty());
            ConsumerRecord<String, byte[]> reply = replies.recordsWithKey(orderId.toString()).get(0);
            assertThat(header(reply, EventHeaders.EVENT_TYPE)).isEqualTo("StockReserved");
            String traceparent = header(reply, "traceparent");
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            assertThat(traceparent.split("-")[1]).isEqualTo(traceId);
        }
    }

    @Test
    void exposesTheMetricsAndMovesThemWhenOrdersFlow() throws Exception {
        String sku = uniqueSku("METRIC");
        stock(sku, 1, 0);
        String before = scrape();
        String reserved = "orderflow_events_handled_total{group=\"inventory-service\",outcome=\"reserved\",type=\"OrderPlaced\"}";
        String rejected = "orderflow_events_handled_total{group=\"inventory-service\",outcome=\"rejected\",type=\"OrderPlaced\"}";

        publish(Topics.ORDER_EVENTS, placed(UUID.randomUUID(), 1, line(sku, 1)));
        publish(Topics.ORDER_EVENTS, placed(UUID.randomUUID(), 1, line(sku, 1)));

        await().atMost(PATIENCE).untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, reserved)).isGreaterThan(value(before, reserved));
            assertThat(value(after, rejected)).isGreaterThan(value(before, rejected));
            assertThat(value(after, "orderflow_outbox_backlog")).isNotNegative();
            assertThat(value(after, "orderflow_outbox_oldest_age_seconds")).isNotNegative();
            // The per-record listener observation (ADR 6) times each record; no per-poll timer hides it.
            assertThat(after).containsPattern("(?m)^spring_kafka_listener_seconds_count\\{[^}]*"
                    + "spring_kafka_listener_id=\"inventory-order-events\"[^}]*} \\S+$");
        });
        // Micrometer binds a consumer's per-partition metrics when it next looks for new ones, once a minute.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(scrape()).containsPattern(
                "(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*group=\"inventory-service\"[^}]*partition=\"\\d+\""
                        + "[^}]*topic=\"order-events\"[^}]*} \\S+$"));
        String scrape = scrape();
        // The producer's client metrics too: kafka.app.info.* is a name both clients use, so the tag keys must agree.
        assertThat(scrape).containsPattern("(?m)^kafka_app_info_start_time_ms\\{[^}]*client_id=\"[^\"]*producer[^\"]*\""
                + "[^}]*group=\"inventory-service\"[^}]*} \\S+$");
        assertThat(Files.readAllLines(EXPOSED_METRICS)).as("metrics the dashboards use")
                .filteredOn(line -> line.startsWith("inventory-service "))
                .isNotEmpty()
                .map(line -> line.substring("inventory-service ".length()).strip())
                .allSatisfy(name -> assertThat(scrape).containsPattern("(?m)^" + name + "[{ ]"));
    }

    /** Not through the context's template: its own observation would put a new trace on the record. */
    private void sendAsOrderServiceDoes(dev.orderflow.events.OrderEvent event, String traceparent) {
        KafkaTemplate<String, dev.orderflow.events.Event> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                producerFactory.getConfigurationProperties(), new StringSerializer(), new EventSerializer()));
        ProducerRecord<String, dev.orderflow.events.Event> record =
                new ProducerRecord<>(Topics.ORDER_EVENTS, event.orderId().toString(), event);
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        template.send(record).join();
        template.destroy();
    }

    private String scrape() throws Exception {
        return mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();
    }

    /** The sample's value, 0 when the series does not exist yet (a counter that has never moved). */
    private static double value(String scrape, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
