package dev.orderflow.messaging.testapp;

import dev.orderflow.testsupport.FreshDatabase;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The one context of the core's integration tests: {@link TestApplication} against a fresh PostgreSQL database and the
 * test plan's embedded KRaft broker, tracing and metrics on as in a service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = TestApplication.class,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@AutoConfigureMetrics
@AutoConfigureTracing
@ContextConfiguration(initializers = FreshDatabase.class)
public @interface CoreIntegrationTest {
}
