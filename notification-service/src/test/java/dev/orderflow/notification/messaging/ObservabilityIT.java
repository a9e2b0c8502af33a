package dev.orderflow.notification.messaging;

import static dev.orderflow.notification.TestEvents.cancelled;
import static dev.orderflow.notification.TestEvents.confirmed;
import static dev.orderflow.notification.TestEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.Event;
import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.Topics;
import dev.orderflow.notification.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The order's trace id in the line logged for each of its events; the metrics at /actuator/prometheus. */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT extends IntegrationTest {

    /** The metrics the Grafana dashboard may use (e2e-tests' static test holds it to this list). */
    private static final Path EXPOSED_METRICS = Path.of("../docker/observability/exposed-metrics.txt");

    @Test
    void logsTheTraceIdOfTheRecordWithTheEventsLine(CapturedOutput output) {
        UUID orderId = newOrderId();
        String traceId = randomHex(16);
        ProducerRecord<String, Event> record = new ProducerRecord<>(Topics.ORDER_EVENTS, orderId.toString(),
                placed(orderId, 1, new OrderLine("SKU-T", 1)));
        record.headers().add("traceparent", ("00-" + traceId + "-" + randomHex(8) + "-01").getBytes(StandardCharsets.UTF_8));

        publish(record);

        await().untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("OrderPlaced orderId=" + orderId)))
                .singleElement().asString()
                .contains(traceId)
                .contains("group=notification-service -> notified"));
    }

    @Test
    void logsEachRecordsOwnTraceIdWhenAPollHoldsSeveral(CapturedOutput output) throws Exception {
        UUID first = newOrderId();
        UUID second = newOrderId();
        String firstTrace = randomHex(16);
        String unreadableTrace = randomHex(16);
        String secondTrace = randomHex(16);
        // One key, so one partition and one producer batch: the three records reach the listener in one call.
        String key = first.toString();
        ProducerRecord<String, Object> unreadable = new ProducerRecord<>(Topics.ORDER_EVENTS, key,
                "{not json".getBytes(StandardCharsets.UTF_8));
        unreadable.headers().add(EventHeaders.EVENT_TYPE, "OrderPlaced".getBytes(StandardCharsets.UTF_8));

        publishTogether(List.of(
                traced(new ProducerRecord<>(Topics.ORDER_EVENTS, key, placed(first, 1, new OrderLine("SKU-T", 1))),
                        firstTrace),
                traced(unreadable, unreadableTrace),
                traced(new ProducerRecord<>(Topics.ORDER_EVENTS, key, placed(second, 1, new OrderLine("SKU-T", 1))),
                        secondTrace)));

        await().untilAsserted(() -> {
            assertThat(output.getOut().lines().filter(line -> line.contains("OrderPlaced orderId=" + first)))
                    .singleElement().asString().contains(firstTrace).contains("group=notification-service -> notified");
            assertThat(output.getOut().lines().filter(line -> line.contains("OrderPlaced key=" + key)))
                    .singleElement().asString().contains(unreadableTrace).contains("-> dead-lettered to order-events-dlt");
            assertThat(output.getOut().lines().filter(line -> line.contains("OrderPlaced orderId=" + second)))
                    .singleElement().asString().contains(secondTrace).contains("group=notification-service -> notified");
        });
        assertThat(scrape()).as("spring-kafka's listener timer, from the records' observations").containsPattern(
                "(?m)^spring_kafka_listener_seconds_count\\{[^}]*messaging_operation=\"process\"[^}]*"
                        + "spring_kafka_listener_id=\"order-events\"[^}]*} \\S+$");
    }

    @Test
    void exposesTheMetricsAndMovesThemWhenOrdersFlow() throws Exception {
        String handled = "orderflow_events_handled_total{group=\"notification-service\",outcome=\"notified\","
                + "type=\"OrderConfirmed\"}";
        String deadLettered = "orderflow_events_dead_lettered_total{group=\"notification-service\",topic=\"order-events\"}";
        String duplicates = "orderflow_events_duplicates_total{group=\"notification-service\",type=\"OrderPlaced\"}";
        String outOfOrder = "orderflow_events_out_of_order_total{group=\"notification-service\",type=\"OrderCancelled\"}";
        String before = scrape();
        UUID orderId = newOrderId();
        Event placed = placed(orderId, 1, new OrderLine("SKU-M", 1));

        publish(placed);
        publish(placed);
        publish(confirmed(orderId, 2));
        publish(cancelled(orderId, 4));
        ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(Topics.ORDER_EVENTS, orderId.toString(),
                "{not json".getBytes(StandardCharsets.UTF_8));
        garbage.headers().add(EventHeaders.EVENT_TYPE, "OrderPlaced".getBytes(StandardCharsets.UTF_8));
        publishRaw(garbage);

        await().untilAsserted(() -> {
            String after = scrape();
            assertThat(value(after, handled)).isGreaterThan(value(before, handled));
            assertThat(value(after, duplicates)).isGreaterThan(value(before, duplicates));
            assertThat(value(after, outOfOrder)).isGreaterThan(value(before, outOfOrder));
            assertThat(value(after, deadLettered)).isGreaterThan(value(before, deadLettered));
        });
        // Micrometer binds a consumer's per-partition metrics when it next looks for new ones, once a minute.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(scrape()).containsPattern(
                "(?m)^kafka_consumer_fetch_manager_records_lag\\{[^}]*group=\"notification-service\"[^}]*partition=\"\\d+\""
                        + "[^}]*topic=\"order-events\"[^}]*} \\S+$"));
        String scrape = scrape();
        assertThat(Files.readAllLines(EXPOSED_METRICS)).as("metrics the dashboards use")
                .filteredOn(line -> line.startsWith("notification-service "))
                .isNotEmpty()
                .map(line -> line.substring("notification-service ".length()).strip())
                .allSatisfy(name -> assertThat(scrape).containsPattern("(?m)^" + name + "[{ ]"));
    }

    private String scrape() throws Exception {
        return mvc.get().uri("/actuator/prometheus").exchange().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The sample's value, 0 when the series does not exist yet (a counter that has never moved). */
    private static double value(String scrape, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static <V> ProducerRecord<String, V> traced(ProducerRecord<String, V> record, String traceId) {
        record.headers().add("traceparent", ("00-" + traceId + "-" + randomHex(8) + "-01").getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
