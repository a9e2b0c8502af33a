package dev.orderflow.messaging.batch;

import dev.orderflow.events.Event;
import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.messaging.inbox.ProcessedEvents;
import dev.orderflow.messaging.metrics.EventMetrics;
import dev.orderflow.messaging.metrics.KafkaClientMetricsConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A service's consumer (ADR 2, ADR 6): the {@link BatchListener} for its one {@link BatchHandler} bean, the error
 * handling (spring-kafka's {@code DefaultErrorHandler} and {@code DeadLetterPublishingRecoverer}), the counters, the
 * inbox and the Kafka clients' metrics. The producer's value serializer must be {@link OutboundValueSerializer}, which
 * writes both kinds of dead letter.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumerProperties.class)
@Import(KafkaClientMetricsConfiguration.class)
public class BatchConsumerConfiguration {

    private static final Class<?>[] TRANSIENT_FAILURES = {
            TransientDataAccessException.class,
            CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class};

    @Bean
    EventMetrics eventMetrics(MeterRegistry registry, @Value("${spring.kafka.consumer.group-id}") String group) {
        return new EventMetrics(registry, group);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc) {
        return new ProcessedEvents(jdbc);
    }

    @Bean
    RecordObservations recordObservations(ObservationRegistry registry, KafkaAdmin admin, BatchHandler<?> handler,
            EventMetrics metrics) {
        return new RecordObservations(registry, admin, handler.listenerId(), metrics.group());
    }

    @Bean
    <E extends Event> BatchListener<E> batchListener(BatchHandler<E> handler, PlatformTransactionManager transactionManager,
            RecordObservations observations, EventMetrics metrics) {
        return new BatchListener<>(handler, new TransactionTemplate(transactionManager), observations, metrics);
    }

    /**
     * Boot wires this single {@code CommonErrorHandler} into its listener container factory. Unreadable records go
     * straight to {@code <topic>-dlt}, same partition; a transient database failure is retried until the database is
     * back (the partition stalls, nothing is skipped); any other failure a few times, then dead-lettered.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<?, ?> kafkaTemplate, RecordObservations observations,
            EventMetrics metrics, ConsumerProperties properties) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));
        ExponentialBackOff fewRetries = backOff(properties);
        fewRetries.setMaxAttempts(properties.maxRetries());
        BackOff untilTheDatabaseIsBack = backOff(properties);

        DefaultErrorHandler handler = new DefaultErrorHandler(new DeadLetterRecoverer(publisher, observations, metrics),
                fewRetries);
        // An unreadable record never becomes readable (deserialization failures are already not retried).
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        handler.setBackOffFunction((record, failure) -> isTransient(failure) ? untilTheDatabaseIsBack : null);
        // FailedAttempts and the recoverer log each attempt and each dead letter in one line; the handler's own log
        // would repeat them with a stack trace.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        handler.setRetryListeners(new FailedAttempts(metrics));
        return handler;
    }

    /**
     * The listener observes each record itself (ADR 6), which records the {@code spring.kafka.listener} timer. With the
     * container's observation off, spring-kafka would time each poll under that name too, with other tags, and
     * Prometheus cannot hold both.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> withoutContainerTimer() {
        return container -> container.getContainerProperties().setMicrometerEnabled(false);
    }

    /**
     * Replaces spring-kafka's default, which logs every failed send with a stack trace: while Kafka is down that is one
     * trace per waiting event. The outbox relay reports a failed round in one line (ADR 3), the recoverer its own.
     */
    @Bean
    ProducerListener<Object, Object> producerListener() {
        return new ProducerListener<>() {
        };
    }

    private static ExponentialBackOff backOff(ConsumerProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.maxRetryInterval().toMillis());
        return backOff;
    }

    /** The handler hands over the container's wrapper around the listener's exception, so every cause is looked at. */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            for (Class<?> type : TRANSIENT_FAILURES) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }
}
