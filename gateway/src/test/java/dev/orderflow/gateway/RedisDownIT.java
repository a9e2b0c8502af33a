package dev.orderflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway with Redis gone (its port closed): rate limits fail open, as ADR 9 decides. Requests pass, each
 * counted, with one WARN line, and the gateway stays healthy; tokens and scopes are still checked.
 */
class RedisDownIT extends RoutedToStubs {

    @DynamicPropertySource
    static void redisIsGone(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", RedisDownIT::aClosedPort);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private MeterRegistry meterRegistry;

    @Test
    void letsRequestsThroughUncheckedCountsThemAndWarnsOnce(CapturedOutput output) {
        String token = tokens.forClient(SLOW_CLIENT, "orders.read");
        double before = unchecked();

        for (int request = 0; request < 6; request++) {
            long started = System.nanoTime();
            client.get().uri("/api/orders").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist("X-RateLimit-Remaining");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }

        assertThat(orderService.received()).hasSize(6);
        assertThat(unchecked() - before).isEqualTo(6.0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("Rate limits are not enforced"))).singleElement().asString()
                .contains("WARN"));
    }

    @Test
    void stillRefusesARequestWithoutAToken() {
        GatewayIT.expectProblem(client.get().uri("/api/orders").exchange(), 401);

        assertThat(everythingReceived()).isEmpty();
    }

    @Test
    void staysHealthy() {
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    private double unchecked() {
        return meterRegistry.get("orderflow.gateway.rate.limiter.unchecked").counter().count();
    }

    private static int aClosedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
