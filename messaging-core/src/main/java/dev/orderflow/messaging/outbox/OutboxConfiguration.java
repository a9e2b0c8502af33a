package dev.orderflow.messaging.outbox;

import dev.orderflow.messaging.tracing.TraceParents;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of a service that publishes events (ADR 1): {@link Outbox} to append in the caller's transaction, the
 * {@link OutboxRelay} that publishes, and its gauges. Needs the service's {@code outbox_events} table (with
 * {@code traceparent}), a {@link Clock} bean and {@code orderflow.messaging.outbox.lock-key}. The producer's value
 * serializer must take {@code byte[]}: {@code dev.orderflow.messaging.batch.OutboundValueSerializer} does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    @Bean
    TraceParents traceParents(Tracer tracer, Propagator propagator) {
        return new TraceParents(tracer, propagator);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, TraceParents traceParents, ApplicationEventPublisher applicationEvents) {
        return new Outbox(jdbc, traceParents, applicationEvents);
    }

    @Bean
    @SuppressWarnings("unchecked")
    OutboxRelay outboxRelay(JdbcClient jdbc, PlatformTransactionManager transactionManager, KafkaTemplate<?, ?> kafka,
            OutboxProperties properties, ObservationRegistry observations) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), (KafkaTemplate<String, Object>) kafka,
                properties, observations);
    }

    @Bean
    OutboxMetrics outboxMetrics(JdbcClient jdbc, Clock clock) {
        return new OutboxMetrics(jdbc, clock);
    }
}
