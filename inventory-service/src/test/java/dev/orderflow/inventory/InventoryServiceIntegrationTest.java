package dev.orderflow.inventory;

import dev.orderflow.events.Event;
import dev.orderflow.testsupport.FreshDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one application context of the module's integration tests: the real PostgreSQL (a fresh database per
 * run) and the in-process KRaft broker. Tests share it, so each works with its own SKUs and orders. Tracing and
 * the Prometheus registry are on, as in production (Boot's tests switch both off unless asked).
 */
@SpringBootTest(properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.datasource.hikari.connection-init-sql=SET lock_timeout = '300ms'",
        "orderflow.inventory.consumer.retry-interval=50ms",
        "orderflow.inventory.consumer.max-retry-interval=200ms",
        "orderflow.inventory.consumer.max-retries=2",
        "orderflow.inventory.outbox.poll-interval=200ms"
})
@ContextConfiguration(initializers = FreshDatabase.class)
@AutoConfigureMockMvc
@AutoConfigureMetrics
@AutoConfigureTracing
public abstract class InventoryServiceIntegrationTest {

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MeterRegistry meterRegistry;

    @Autowired
    private KafkaTemplate<String, Object> kafka;

    @Autowired
    private Environment environment;

    protected static String uniqueSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected String brokers() {
        return environment.getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    protected void publish(String topic, Event event) {
        kafka.send(topic, event.orderId().toString(), event).join();
    }

    protected void publishAll(String topic, Iterable<? extends Event> events) {
        for (Event event : events) {
            kafka.send(topic, event.orderId().toString(), event);
        }
        kafka.flush();
    }

    protected void publish(ProducerRecord<String, Object> record) {
        kafka.send(record).join();
    }

    protected void stock(String sku, int available, int reserved) {
        jdbc.sql("""
                insert into stock_items (sku, available, reserved, updated_at) values (?, ?, ?, now())
                on conflict (sku) do update set available = excluded.available, reserved = excluded.reserved
                """).params(sku, available, reserved).update();
    }

    protected int available(String sku) {
        return jdbc.sql("select available from stock_items where sku = ?").param(sku).query(Integer.class).single();
    }

    protected int reserved(String sku) {
        return jdbc.sql("select reserved from stock_items where sku = ?").param(sku).query(Integer.class).single();
    }

    protected double counterTotal(String name) {
        return meterRegistry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
