package dev.orderflow.order;

import dev.orderflow.testsupport.FreshDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one Spring context the integration tests share: the whole service against a fresh PostgreSQL database
 * and the test plan's embedded KRaft broker, with {@link KafkaProbe} watching the topics. Tracing and the
 * Prometheus registry are on, as in production (Boot's tests switch both off unless asked).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@AutoConfigureMockMvc
@AutoConfigureMetrics
@AutoConfigureTracing
@ContextConfiguration(initializers = FreshDatabase.class)
@Import(KafkaProbe.class)
public @interface IntegrationTest {
}
