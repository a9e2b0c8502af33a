package dev.orderflow.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.inventory.InventoryServiceIntegrationTest;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

class InventoryApiIT extends InventoryServiceIntegrationTest {

    @Autowired
    private MockMvcTester mvc;

    @Test
    void putCreatesAnItemThatGetReturns() {
        String sku = uniqueSku("NEW");

        assertThat(put(sku, "{\"available\": 100}")).hasStatusOk()
                .hasContentType(MediaType.APPLICATION_JSON)
                .bodyJson().isLenientlyEqualTo("{\"sku\": \"" + sku + "\", \"available\": 100, \"reserved\": 0}");

        assertThat(mvc.get().uri("/api/inventory/{sku}", sku)).hasStatusOk()
                .bodyJson().isStrictlyEqualTo("{\"sku\": \"" + sku + "\", \"available\": 100, \"reserved\": 0}");
    }

    @Test
    void putSetsAvailableUnitsAndLeavesReservedUnitsAlone() {
        String sku = uniqueSku("SET");
        stock(sku, 10, 4);

        assertThat(put(sku, "{\"available\": 0}")).hasStatusOk()
                .bodyJson().isStrictlyEqualTo("{\"sku\": \"" + sku + "\", \"available\": 0, \"reserved\": 4}");
        assertThat(put(sku, "{\"available\": 1000000}")).hasStatusOk()
                .bodyJson().isStrictlyEqualTo("{\"sku\": \"" + sku + "\", \"available\": 1000000, \"reserved\": 4}");
    }

    @Test
    void listsEveryItemSortedBySku() {
        String prefix = uniqueSku("LIST");
        stock(prefix + "-b", 2, 0);
        stock(prefix + "-a", 1, 1);

        assertThat(mvc.get().uri("/api/inventory")).hasStatusOk()
                .bodyJson().extractingPath("$[*].sku").convertTo(InstanceOfAssertFactories.list(String.class))
                .isSorted()
                .containsSubsequence(prefix + "-a", prefix + "-b");
    }

    @Test
    void unknownSkuIsA404Problem() {
        String sku = uniqueSku("NONE");

        assertThat(mvc.get().uri("/api/inventory/{sku}", sku))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("{\"status\": 404, \"title\": \"Unknown SKU\"}")
                .extractingPath("$.detail").asString().contains(sku);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad sku", "sku!", "ä-sku", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void skuOutsideItsAlphabetIsA400ProblemOnEveryEndpoint(String badSku) {
        assertBadRequest(mvc.get().uri("/api/inventory/{sku}", badSku).exchange());
        assertBadRequest(put(badSku, "{\"available\": 5}"));

        assertThat(jdbc.sql("select count(*) from stock_items where sku = ?").param(badSku).query(Long.class).single())
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"available\": \"100\"}",
            "{\"available\": 100.5}",
            "{\"available\": 100.0}",
            "{\"available\": true}",
            "{\"available\": [100]}",
            "{\"available\": 3, \"reserved\": 3}",
            "{\"available\": 99999999999}",
            "{\"available\": 3",
            "not json",
            "[]",
            ""
    })
    void unreadableBodyIsA400ProblemAndChangesNothing(String body) {
        String sku = uniqueSku("STRICT");
        stock(sku, 7, 2);

        assertBadRequest(put(sku, body));

        assertThat(available(sku)).isEqualTo(7);
        assertThat(reserved(sku)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"available\": null}", "{\"available\": -1}", "{\"available\": 1000001}"})
    void invalidAvailableIsA400ProblemNamingTheFieldAndChangesNothing(String body) {
        String sku = uniqueSku("RANGE");
        stock(sku, 7, 2);

        assertThat(assertBadRequest(put(sku, body))).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("available");

        assertThat(available(sku)).isEqualTo(7);
        assertThat(reserved(sku)).isEqualTo(2);
    }

    @Test
    void invalidAvailableForAnUnknownSkuCreatesNothing() {
        String sku = uniqueSku("GHOST");

        assertBadRequest(put(sku, "{\"available\": -5}"));

        assertThat(mvc.get().uri("/api/inventory/{sku}", sku)).hasStatus(HttpStatus.NOT_FOUND);
    }

    private MvcTestResult put(String sku, String body) {
        return mvc.put().uri("/api/inventory/{sku}", sku).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static MvcTestResult assertBadRequest(MvcTestResult result) {
        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("{\"status\": 400, \"title\": \"Bad Request\"}")
                .hasPathSatisfying("$.type", type -> assertThat(type).isNotNull())
                .hasPathSatisfying("$.detail", detail -> assertThat(detail).asString().isNotBlank());
        return result;
    }
}
