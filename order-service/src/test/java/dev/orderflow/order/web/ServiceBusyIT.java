package dev.orderflow.order.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.order.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Overload at the door: while every request slot is taken, an order waits at most the queue timeout, is refused
 * with 503 and Retry-After, and nothing is stored; once a slot is free, orders are accepted again.
 */
@IntegrationTest
class ServiceBusyIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AdmissionControl admissionControl;

    @Autowired
    AdmissionProperties admission;

    @Autowired
    JdbcClient jdbc;

    @Test
    void refusesAnOrderWith503WhileEverySlotIsBusyAndStoresNothing() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String body = "{\"customerId\": \"" + customer + "\", \"items\": [{\"sku\": \"SKU-SLOTS\", \"quantity\": 1}]}";
        MockHttpServletRequest request = new MockHttpServletRequest();
        MockHttpServletResponse response = new MockHttpServletResponse();
        int taken = 0;
        MvcTestResult refused;
        try {
            while (taken < admission.maxConcurrentRequests()) {
                admissionControl.preHandle(request, response, this);
                taken++;
            }
            long started = System.nanoTime();
            refused = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(waitedMillis).as("time to refuse, ms")
                    .isGreaterThanOrEqualTo(admission.queueTimeout().toMillis())
                    .isLessThan(admission.queueTimeout().toMillis() + 2_000);
        } finally {
            for (; taken > 0; taken--) {
                admissionControl.afterCompletion(request, response, this, null);
            }
        }

        assertThat(refused).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("Retry-After", "1");
        assertThat(refused.getResponse().getContentAsString()).contains("\"status\":503").contains("busy");
        assertThat(ordersOf(customer)).isZero();

        assertThat(mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange())
                .hasStatus(HttpStatus.ACCEPTED);
        assertThat(ordersOf(customer)).isOne();
    }

    private long ordersOf(String customer) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(customer).query(Long.class).single();
    }
}
