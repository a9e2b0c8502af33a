package dev.orderflow.order.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.order.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class OrderApiIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Test
    void placesAPendingOrderAndReadsItBack() {
        String customer = newCustomer();
        MvcTestResult placed = place(orderBody(customer, "SKU-001", 2), null);

        assertThat(placed).hasStatus(HttpStatus.ACCEPTED).hasContentType(MediaType.APPLICATION_JSON);
        JsonNode order = body(placed);
        String orderId = order.get("orderId").asString();
        assertThat(placed).hasHeader("Location", "/api/orders/" + orderId);
        assertThat(order.get("customerId").asString()).isEqualTo(customer);
        assertThat(order.get("status").asString()).isEqualTo("PENDING");
        assertThat(order.get("rejectionReason").isNull()).isTrue();
        assertThat(order.get("items").toString()).isEqualTo("[{\"sku\":\"SKU-001\",\"quantity\":2}]");
        assertThat(order.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        MvcTestResult read = mvc.get().uri("/api/orders/{id}", orderId).exchange();
        assertThat(read).hasStatus(HttpStatus.OK);
        assertThat(body(read)).isEqualTo(order);
    }

    /** Placing is on the hot path: its row is inserted complete, never inserted and then updated. */
    @Test
    void writesAPlacedOrdersRowOnceAndACancelledOneTwice() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_order_row_updates (order_id uuid NOT NULL)").update();
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_record_order_row_update() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO test_order_row_updates VALUES (NEW.order_id);
                    RETURN NEW;
                END $$""").update();
        jdbc.sql("""
                CREATE OR REPLACE TRIGGER test_record_order_row_update AFTER UPDATE ON orders
                FOR EACH ROW EXECUTE FUNCTION test_record_order_row_update()""").update();
        try {
            String orderId = body(place(orderBody(newCustomer(), "SKU-001", 2), null)).get("orderId").asString();
            assertThat(rowUpdatesOf(orderId)).isZero();

            assertThat(mvc.post().uri("/api/orders/{id}/cancel", orderId).exchange()).hasStatus(HttpStatus.ACCEPTED);
            assertThat(rowUpdatesOf(orderId)).isEqualTo(1);
        } finally {
            jdbc.sql("DROP TRIGGER test_record_order_row_update ON orders").update();
            jdbc.sql("DROP FUNCTION test_record_order_row_update()").update();
            jdbc.sql("DROP TABLE test_order_row_updates").update();
        }
    }

    @Test
    void answers404ForAnUnknownOrderAnd400ForANonUuid() {
        assertProblem(mvc.get().uri("/api/orders/{id}", UUID.randomUUID()).exchange(), HttpStatus.NOT_FOUND);
        assertProblem(mvc.get().uri("/api/orders/not-a-uuid").exchange(), HttpStatus.BAD_REQUEST);
        assertProblem(mvc.post().uri("/api/orders/{id}/cancel", UUID.randomUUID()).exchange(), HttpStatus.NOT_FOUND);
        assertProblem(mvc.post().uri("/api/orders/not-a-uuid/cancel").exchange(), HttpStatus.BAD_REQUEST);
        assertProblem(mvc.get().uri("/api/no-such-thing").exchange(), HttpStatus.NOT_FOUND);
    }

    @Test
    void listsACustomersOrdersNewestFirstInPages() {
        String customer = newCustomer();
        List<String> ids = IntStream.range(0, 3)
                .mapToObj(i -> body(place(orderBody(customer, "SKU-" + i, 1), null)).get("orderId").asString())
                .toList();
        place(orderBody(newCustomer(), "SKU-X", 1), null);

        JsonNode firstPage = body(mvc.get().uri("/api/orders?customerId={c}&size=2", customer).exchange());
        assertThat(firstPage.get("page").asInt()).isZero();
        assertThat(firstPage.get("size").asInt()).isEqualTo(2);
        assertThat(firstPage.get("totalElements").asLong()).isEqualTo(3);
        assertThat(orderIds(firstPage)).containsExactly(ids.get(2), ids.get(1));
        assertThat(firstPage.get("content").get(0).get("items").get(0).get("sku").asString()).isEqualTo("SKU-2");

        JsonNode secondPage = body(mvc.get().uri("/api/orders?customerId={c}&size=2&page=1", customer).exchange());
        assertThat(orderIds(secondPage)).containsExactly(ids.get(0));

        mvc.post().uri("/api/orders/{id}/cancel", ids.get(1)).exchange();
        JsonNode cancelled = body(mvc.get().uri("/api/orders?customerId={c}&status=CANCELLED", customer).exchange());
        assertThat(orderIds(cancelled)).containsExactly(ids.get(1));
        assertThat(cancelled.get("size").asInt()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status=SHIPPED", "status=pending", "page=-1", "page=x", "size=0", "size=101", "size=x"})
    void refusesBadListParameters(String query) {
        assertProblem(mvc.get().uri("/api/orders?" + query).exchange(), HttpStatus.BAD_REQUEST);
    }

    @Test
    void cancelsAPendingOrderOnceThenAnswers409() {
        String orderId = body(place(orderBody(newCustomer(), "SKU-1", 1), null)).get("orderId").asString();

        MvcTestResult cancelled = mvc.post().uri("/api/orders/{id}/cancel", orderId).exchange();
        assertThat(cancelled).hasStatus(HttpStatus.ACCEPTED).hasHeader("Location", "/api/orders/" + orderId);
        assertThat(body(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(body(cancelled).get("items").size()).isEqualTo(1);

        long outboxBefore = outboxSequence();
        assertProblem(mvc.post().uri("/api/orders/{id}/cancel", orderId).exchange(), HttpStatus.CONFLICT);
        assertThat(outboxSequence()).isEqualTo(outboxBefore);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "{",
            "[]",
            "{\"items\": [{\"sku\": \"A\", \"quantity\": 1}]}",
            "{\"customerId\": \"\", \"items\": [{\"sku\": \"A\", \"quantity\": 1}]}",
            "{\"customerId\": \"   \", \"items\": [{\"sku\": \"A\", \"quantity\": 1}]}",
            "{\"customerId\": 42, \"items\": [{\"sku\": \"A\", \"quantity\": 1}]}",
            "{\"customerId\": \"c\"}",
            "{\"customerId\": \"c\", \"items\": []}",
            "{\"customerId\": \"c\", \"items\": null}",
            "{\"customerId\": \"c\", \"items\": [null]}",
            "{\"customerId\": \"c\", \"items\": {\"sku\": \"A\", \"quantity\": 1}}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": 1}, {\"sku\": \"A\", \"quantity\": 2}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"\", \"quantity\": 1}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A B\", \"quantity\": 1}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A/B\", \"quantity\": 1}]}",
            "{\"customerId\": \"c\", \"items\": [{\"quantity\": 1}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\"}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": 0}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": 1001}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": \"2\"}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": 2.5}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": true}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": 7, \"quantity\": 1}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": 1}], \"status\": \"CONFIRMED\"}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": 1, \"price\": 3}]}",
            "{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": 1}]} {}"})
    void refusesABadBodyAndChangesNothing(String body) {
        assertRefusedWithoutChange(mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body),
                HttpStatus.BAD_REQUEST);
    }

    @Test
    void refusesOversizedFields() {
        String longCustomer = "c".repeat(65);
        assertRefusedWithoutChange(post(orderBody(longCustomer, "A", 1)), HttpStatus.BAD_REQUEST);
        assertRefusedWithoutChange(post(orderBody("c", "S".repeat(65), 1)), HttpStatus.BAD_REQUEST);
        String tooManyItems = IntStream.range(0, 51).mapToObj(i -> "{\"sku\": \"S" + i + "\", \"quantity\": 1}")
                .collect(Collectors.joining(",", "{\"customerId\": \"c\", \"items\": [", "]}"));
        assertRefusedWithoutChange(post(tooManyItems), HttpStatus.BAD_REQUEST);
    }

    @Test
    void acceptsTheLimitsOfEveryField() {
        String fiftyItems = IntStream.range(0, 50).mapToObj(i -> "{\"sku\": \"" + "S".repeat(62) + String.format("%02d", i)
                        + "\", \"quantity\": 1000}")
                .collect(Collectors.joining(",", "{\"customerId\": \"" + "c".repeat(64) + "\", \"items\": [", "]}"));
        assertThat(post(fiftyItems).exchange()).hasStatus(HttpStatus.ACCEPTED);
        assertThat(place(orderBody(newCustomer(), "a-Z_0.9", 1), "k".repeat(128))).hasStatus(HttpStatus.ACCEPTED);
    }

    @Test
    void namesTheFieldAtFault() {
        JsonNode problem = body(post("{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": 0}]}").exchange());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("items[0].quantity");

        JsonNode wrongType = body(post("{\"customerId\": \"c\", \"items\": [{\"sku\": \"A\", \"quantity\": \"2\"}]}").exchange());
        assertThat(wrongType.get("errors").get(0).get("field").asString()).isEqualTo("items[0].quantity");
    }

    @Test
    void refusesAnotherContentTypeWith415() {
        assertRefusedWithoutChange(mvc.post().uri("/api/orders").contentType(MediaType.TEXT_PLAIN)
                .content(orderBody("c", "A", 1)), HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "é-key", "tab\tkey"})
    void refusesABadIdempotencyKey(String key) {
        assertRefusedWithoutChange(post(orderBody("c", "A", 1)).header("Idempotency-Key", key), HttpStatus.BAD_REQUEST);
    }

    @Test
    void refusesAnIdempotencyKeyLongerThan128() {
        assertRefusedWithoutChange(post(orderBody("c", "A", 1)).header("Idempotency-Key", "k".repeat(129)),
                HttpStatus.BAD_REQUEST);
    }

    @Test
    void returnsTheSameOrderForARepeatedIdempotencyKeyAndCreatesNothingNew() {
        String customer = newCustomer();
        String key = "key-" + UUID.randomUUID();
        JsonNode first = body(place(orderBody(customer, "SKU-1", 3), key));
        long outboxAfterFirst = outboxSequence();

        MvcTestResult again = place(orderBody(customer, "SKU-1", 3), key);

        assertThat(again).hasStatus(HttpStatus.ACCEPTED).hasHeader("Location", "/api/orders/" + first.get("orderId").asString());
        assertThat(body(again).get("orderId")).isEqualTo(first.get("orderId"));
        assertThat(ordersOf(customer)).isEqualTo(1);
        assertThat(outboxSequence()).isEqualTo(outboxAfterFirst);
    }

    @Test
    void refusesAnIdempotencyKeyReusedForAnotherRequest() {
        String customer = newCustomer();
        String key = "key-" + UUID.randomUUID();
        place(orderBody(customer, "SKU-1", 3), key);
        long outboxBefore = outboxSequence();

        assertProblem(place(orderBody(customer, "SKU-1", 4), key), HttpStatus.CONFLICT);

        assertThat(ordersOf(customer)).isEqualTo(1);
        assertThat(outboxSequence()).isEqualTo(outboxBefore);
    }

    @Test
    void createsOneOrderForConcurrentRequestsWithTheSameKey() throws Exception {
        String customer = newCustomer();
        String key = "key-" + UUID.randomUUID();
        int requests = 8;
        List<Callable<MvcTestResult>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(() -> place(orderBody(customer, "SKU-1", 1), key));
        }
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<String> orderIds = new ArrayList<>();
            for (Future<MvcTestResult> result : pool.invokeAll(calls)) {
                assertThat(result.get()).hasStatus(HttpStatus.ACCEPTED);
                orderIds.add(body(result.get()).get("orderId").asString());
            }
            assertThat(orderIds).hasSize(requests).containsOnly(orderIds.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(ordersOf(customer)).isEqualTo(1);
    }

    private MvcTestResult place(String body, String idempotencyKey) {
        MockMvcTester.MockMvcRequestBuilder request = post(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    private MockMvcTester.MockMvcRequestBuilder post(String body) {
        return mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private void assertRefusedWithoutChange(MockMvcTester.MockMvcRequestBuilder request, HttpStatus status) {
        long orders = jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single();
        long outbox = outboxSequence();

        assertProblem(request.exchange(), status);

        assertThat(jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single()).isEqualTo(orders);
        assertThat(outboxSequence()).isEqualTo(outbox);
    }

    private void assertProblem(MvcTestResult result, HttpStatus status) {
        assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = body(result);
        assertThat(problem.get("status").asInt()).isEqualTo(status.value());
        assertThat(problem.has("type")).isTrue();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    /** Last id the outbox handed out: unchanged means no event was written, even if the relay already sent it. */
    private long outboxSequence() {
        return jdbc.sql("SELECT last_value + (CASE WHEN is_called THEN 1 ELSE 0 END) FROM outbox_events_id_seq")
                .query(Long.class).single();
    }

    private long rowUpdatesOf(String orderId) {
        return jdbc.sql("SELECT count(*) FROM test_order_row_updates WHERE order_id = ?::uuid").param(orderId)
                .query(Long.class).single();
    }

    private long ordersOf(String customer) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(customer).query(Long.class).single();
    }

    private JsonNode body(MvcTestResult result) {
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private static List<String> orderIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("content").forEach(order -> ids.add(order.get("orderId").asString()));
        return ids;
    }

    private static String orderBody(String customerId, String sku, int quantity) {
        return "{\"customerId\": \"" + customerId + "\", \"items\": [{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + "}]}";
    }

    static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }
}
