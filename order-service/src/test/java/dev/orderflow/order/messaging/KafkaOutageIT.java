package dev.orderflow.order.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.FreshDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kafka goes away and comes back while the service runs. The service gets a broker of its own on a fixed port
 * (so it can be stopped and started again at the same address) and, through its own application name, its
 * own database: the shared test context's relay must not publish these orders to the other broker.
 */
@SpringBootTest(properties = {
        "spring.application.name=order-service-outage",
        "orderflow.order.outbox.initial-backoff=100ms",
        "orderflow.order.outbox.max-backoff=1s"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = FreshDatabase.class)
// This context serves this class only: closing it after the class spares the rest of the run a service
// that keeps calling a broker that is gone.
@DirtiesContext
class KafkaOutageIT {

    /** Started before the context, which is created with the test instance (before any {@code @BeforeAll}). */
    private static final EmbeddedKafkaKraftBroker broker = startBroker();

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    /** Per order, the positions ({@code partition@offset}) of its records: a consumer that re-reads after the
     *  broker restarts sees the same position again, a record published twice has two. */
    private final Map<String, Set<String>> publishedPerOrder = new ConcurrentHashMap<>();

    private static EmbeddedKafkaKraftBroker startBroker() {
        // no topics here: the service creates its own at start-up
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // A fixed port, so the broker can come back at the address the service knows.
        try (ServerSocket socket = new ServerSocket(0)) {
            broker.kafkaPorts(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker.afterPropertiesSet();
        return broker;
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::getBrokersAsString);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class BrokerLifecycle {

        /** The context stops the broker when it closes, after its listeners have stopped, never before. */
        @Bean
        DisposableBean outageBrokerShutdown() {
            return broker::destroy;
        }
    }

    @Test
    void acceptsOrdersWhileKafkaIsDownAndPublishesThemWhenItIsBack() {
        try (KafkaConsumer<String, byte[]> orderEvents = orderEventsConsumer()) {
            String first = place();
            await().atMost(Duration.ofSeconds(30)).until(() -> published(orderEvents, Set.of(first)));
            // acknowledged and deleted: nothing is in flight when the broker goes
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows() == 0);

            BrokerServer kafka = broker.getCluster().brokers().values().iterator().next();
            kafka.shutdown();
            kafka.awaitShutdown();

            List<String> placedDuringOutage = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                placedDuringOutage.add(place());
            }
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> outboxRows() == placedDuringOutage.size());

            kafka.startup();

            await().atMost(Duration.ofSeconds(60)).until(() -> published(orderEvents, Set.copyOf(placedDuringOutage)));
            await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows() == 0);
            assertThat(publishedPerOrder).containsOnlyKeys(first, placedDuringOutage.get(0), placedDuringOutage.get(1),
                    placedDuringOutage.get(2));
            assertThat(publishedPerOrder.get(first)).as("the order published before the outage").hasSize(1);
        }
    }

    private String place() {
        MvcTestResult result = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"customerId\": \"c-outage\", \"items\": [{\"sku\": \"SKU-1\", \"quantity\": 1}]}")
                .exchange();
        assertThat(result).hasStatus(HttpStatus.ACCEPTED);
        return json.readTree(result.getResponse().getContentAsByteArray()).get("orderId").asString();
    }

    /** Polls once and tells whether records of every one of {@code orderIds} have arrived so far. */
    private boolean published(KafkaConsumer<String, byte[]> consumer, Set<String> orderIds) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> publishedPerOrder
                .computeIfAbsent(record.key(), orderId -> ConcurrentHashMap.newKeySet())
                .add(record.partition() + "@" + record.offset()));
        return publishedPerOrder.keySet().containsAll(orderIds);
    }

    private long outboxRows() {
        return jdbc.sql("SELECT count(*) FROM outbox_events").query(Long.class).single();
    }

    private static KafkaConsumer<String, byte[]> orderEventsConsumer() {
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker.getBrokersAsString(), "outage-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.ORDER_EVENTS));
        return consumer;
    }
}
