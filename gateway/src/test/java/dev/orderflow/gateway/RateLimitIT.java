package dev.orderflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The rate limit of each client, in the real Redis: {@link #SLOW_CLIENT} and {@link #OTHER_SLOW_CLIENT} may each
 * send 1 request per second, in bursts of 3.
 */
class RateLimitIT extends RoutedToStubs {

    @Autowired
    private WebTestClient client;

    @Autowired
    private MeterRegistry meterRegistry;

    @Test
    void refusesABurstOverTheClientsLimitWithTooManyRequestsAndForwardsNoneOfTheRefused() {
        String token = tokens.forClient(SLOW_CLIENT, "orders.read");
        List<Integer> statuses = new ArrayList<>();

        for (int request = 0; request < 10; request++) {
            EntityExchangeResult<String> result = client.get().uri("/api/orders")
                    .header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectBody(String.class).returnResult();
            int status = result.getStatus().value();
            statuses.add(status);
            if (status == 429) {
                HttpHeaders headers = result.getResponseHeaders();
                assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(headers.getFirst("Retry-After")).isEqualTo("1");
                assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
                assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("3");
                String body = result.getResponseBody();
                assertThat((Integer) JsonPath.read(body, "$.status")).isEqualTo(429);
                assertThat((String) JsonPath.read(body, "$.type")).isEqualTo("about:blank");
                assertThat((String) JsonPath.read(body, "$.title")).isEqualTo("Too Many Requests");
                assertThat((String) JsonPath.read(body, "$.detail")).contains(SLOW_CLIENT);
            }
        }

        // 3 at once, and one more if Redis's clock turned a second meanwhile.
        long allowed = statuses.stream().filter(status -> status == 200).count();
        assertThat(allowed).isBetween(3L, 4L);
        assertThat(statuses).containsOnly(200, 429).startsWith(200, 200, 200);
        assertThat(orderService.received()).hasSize((int) allowed);
        assertThat(meterRegistry.get("orderflow.gateway.rate.limited").tag("client", SLOW_CLIENT).counter().count())
                .isEqualTo(10 - allowed);
    }

    @Test
    void keepsEachClientsBucketApart() {
        String slow = tokens.forClient(OTHER_SLOW_CLIENT, "orders.read");
        int status = 200;
        for (int request = 0; request < 10 && status != 429; request++) {
            status = client.get().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer(slow)).exchange()
                    .returnResult(String.class).getStatus().value();
        }
        assertThat(status).as("the slow client is over its limit").isEqualTo(429);

        client.get().uri("/api/orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(tokens.forClient("storefront", "orders.read")))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Replenish-Rate", "200");
    }
}
