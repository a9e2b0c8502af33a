package dev.orderflow.order.observability;

import static dev.orderflow.order.TraceIds.randomHex;
import static dev.orderflow.order.TraceIds.traceIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.StockReserved;
import dev.orderflow.order.IntegrationTest;
import dev.orderflow.order.KafkaProbe;
import dev.orderflow.order.domain.OrderLine;
import dev.orderflow.order.domain.OrderService;
import dev.orderflow.order.domain.OrderStatus;
import dev.orderflow.order.domain.PlaceOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** One trace from the HTTP request through the outbox to Kafka and back; the metrics at /actuator/prometheus. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    /** Shared with the Grafana dashboard's static test, which checks that every query uses one of these. */
    private static final Path EXPOSED_METRICS = Path.of("../docker/observability/exposed-metrics.txt");

    @Autowired
    MockMvc mvc;

    @Autowired
    OrderService orders;

    @Autowired
    KafkaProbe kafka;

    @Autowired
    JdbcClient jdbc;

    @Test
    void publishesOrderPlacedInTheTraceOfThePostThatPlacedIt() throws Exception {
        String traceId = randomHex(16);

        String location = mvc.perform(post("/api/orders").contentType(MediaType.APPLICATION_JSON)
                        .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                        .content("{\"customerId\": \"c-traced\", \"items\": [{\"sku\": \"SKU-T1\", \"quantity\": 1}]}"))
                .andReturn().getResponse().getHeader("Location");
        UUID orderId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        await().atMost(PATIENCE).until(() -> !kafka.orderEventRecords(orderId).isEmpty());
        ConsumerRecord<String, byte[]> placed = kafka.orderEventRecords(orderId).get(0);
        assertThat(KafkaProbe.header(placed, EventHeaders.EVENT_TYPE)).isEqualTo("OrderPlaced");
        assertThat(traceIdOf(placed)).isEqualTo(traceId);
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT count(*) FROM outbox_events WHERE aggregate_id = ?")
                .param(orderId).query(Long.class).single() == 0);
    }

    @Test
    void publishesOrderConfirmedInTheTraceOfTheStockReplyAndLogsItsTraceId(CapturedOutput output) {
        UUID orderId = place();
        String traceId = randomHex(16);

        kafka.reply(reserved(orderId), "00-" + traceId + "-" + randomHex(8) + "-01");

        await().atMost(PATIENCE).until(() -> kafka.orderEventRecords(orderId).size() == 2);
        ConsumerRecord<String, byte[]> confirmed = kafka.orderEventRecords(orderId).get(1);
        assertThat(KafkaProbe.header(confirmed, EventHeaders.EVENT_TYPE)).isEqualTo("OrderConfirmed");
        assertThat(traceIdOf(confirmed)).isEqualTo(traceId);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("StockReserved orderId=" + orderId)))
                .singleElement().asString().contains(traceId).contains("group=order-service -> confirmed"));
    }

    @Test
    void exposesTheOrderFlowsMetricsAndMovesThemWhenOrdersFlow() throws Exception {
        String before = scrape();
        UUID orderId = place();
        kafka.reply(reserved(orderId));
        kafka.sendRaw(orderId.toString(), "StockReserved", "{not json".getBytes(StandardCharsets.UTF_8));

        await().atMost(PATIENCE).until(() -> orders.find(orderId).status() == OrderStatus.CONFIRMED);
        String handled = "orderflow_events_handled_total{group=\"order-service\",outcome=\"confirmed\",type=\"StockReserved\"}";
        String deadLettered = "orderflow_events_dead_lettered_total{group=\"order-service\",topic=\"inventory-events\"}";
        await().atMost(PATIENCE).untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, "orderflow_orders_placed_total")).isGreaterThan(value(before, "orderflow_orders_placed_total"));
            assertThat(value(after, "orderflow_orders_confirmed_total"))
                    .isGreaterThan(value(before, "orderflow_orders_confirmed_total"));
            assertThat(value(after, handled)).isGreaterThan(value(before, handled));
            assertThat(value(after, deadLettered)).isGreaterThan(value(before, deadLettered));
            assertThat(value(after, "orderflow_orders_confirmation_latency_seconds_count")).isPositive();
            assertThat(after).contains("orderflow_orders_confirmation_latency_seconds_bucket{le=");
            assertThat(value(after, "orderflow_outbox_backlog")).isNotNegative();
            assertThat(value(after, "orderflow_outbox_oldest_age_seconds")).isNotNegative();
        });
        // Micrometer binds a consumer's per-partition metrics when it next looks for new ones, once a minute.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(scrape()).containsPattern(
                "(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*group=\"order-service\"[^}]*partition=\"\\d+\"[^}]*"
                        + "topic=\"inventory-events\"[^}]*} \\S+$"));
        // The producer's client metrics too: kafka.app.info.* is a name both clients use, so the tag keys must agree.
        assertThat(scrape()).containsPattern("(?m)^kafka_app_info_start_time_ms\\{[^}]*client_id=\"[^\"]*producer[^\"]*\""
                + "[^}]*group=\"order-service\"[^}]*} \\S+$");
        assertThat(Files.readAllLines(EXPOSED_METRICS)).as("metrics the dashboards use")
                .filteredOn(line -> line.startsWith("order-service "))
                .isNotEmpty()
                .map(line -> line.substring("order-service ".length()).strip())
                .allSatisfy(name -> assertThat(scrape()).containsPattern("(?m)^" + name + "[{ ]"));
    }

    private String scrape() throws Exception {
        return mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();
    }

    /** The sample's value, 0 when the series does not exist yet (a counter that has never moved). */
    private static double value(String scrape, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private UUID place() {
        return orders.place(new PlaceOrder("c-observed", List.of(new OrderLine("SKU-O1", 1))), Optional.empty())
                .order().orderId();
    }

    private static StockReserved reserved(UUID orderId) {
        return new StockReserved(UUID.randomUUID(), orderId, 1, Instant.now(),
                List.of(new dev.orderflow.events.OrderLine("SKU-O1", 1)));
    }
}
