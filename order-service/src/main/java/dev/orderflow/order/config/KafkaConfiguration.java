package dev.orderflow.order.config;

import dev.orderflow.events.Event;
import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.events.kafka.EventSerializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/** Topics this service creates, and the error handling of its listener (ADR 2). */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    private static final Class<?>[] TRANSIENT_FAILURES = {
            TransientDataAccessException.class,
            CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class};

    @Bean
    KafkaAdmin.NewTopics orderflowTopics(TopicProperties topics) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.ORDER_EVENTS, topics),
                topic(Topics.INVENTORY_EVENTS, topics),
                topic(Topics.deadLetterOf(Topics.INVENTORY_EVENTS), topics));
    }

    private static NewTopic topic(String name, TopicProperties topics) {
        return TopicBuilder.name(name)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topics.minInsyncReplicas()))
                .build();
    }

    /**
     * Replaces spring-kafka's default, which logs every failed send with a stack trace: while Kafka is down that
     * is one trace per waiting event. The outbox relay reports a failed round in one line instead (ADR 3), and
     * the dead-letter recoverer reports its own failures.
     */
    @Bean
    ProducerListener<Object, Object> producerListener() {
        return new ProducerListener<>() {
        };
    }

    /**
     * Dead letters keep the value they failed with: an event that failed in the listener is written back as
     * an event (with its headers), a record that could not be read is written as the raw bytes it came with.
     * Boot's template already sends {@code byte[]} (the outbox relay's serializer); the event template is
     * derived from the same producer settings with the contract's serializer.
     */
    @Bean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(ProducerFactory<Object, Object> producerFactory,
            KafkaTemplate<?, ?> kafkaTemplate) {
        Map<Class<?>, KafkaOperations<?, ?>> templatesByValueType = new LinkedHashMap<>();
        templatesByValueType.put(Event.class, new KafkaTemplate<>(producerFactory.copyWithConfigurationOverride(
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class))));
        templatesByValueType.put(byte[].class, kafkaTemplate);
        return new DeadLetterPublishingRecoverer(templatesByValueType,
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));
    }

    /**
     * The inventory-events listener observes each record itself (ADR 6), which records the
     * {@code spring.kafka.listener} timer. With the container's observations off, spring-kafka would time each poll
     * under that name too, with other tags, and Prometheus cannot hold both.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> withoutContainerTimer() {
        return container -> container.getContainerProperties().setMicrometerEnabled(false);
    }

    /** Boot wires this single {@code CommonErrorHandler} into the listener container factory. */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(DeadLetterPublishingRecoverer deadLetters, MeterRegistry meters,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, fewRetries());
        handler.setRetryListeners(new DeadLetterCounter(meters, group));
        // An unreadable record never becomes readable (deserialization failures are already not retried).
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        BackOff untilTheDatabaseIsBack = untilTheDatabaseIsBack();
        handler.setBackOffFunction((record, failure) -> isTransient(failure) ? untilTheDatabaseIsBack : null);
        return handler;
    }

    private static BackOff fewRetries() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxAttempts(3);
        return backOff;
    }

    /** A database outage stalls the partition and resumes it later, skipping nothing. */
    private static BackOff untilTheDatabaseIsBack() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        return backOff;
    }

    private static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (Class<?> type : TRANSIENT_FAILURES) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code orderflow.events.dead.lettered{group,topic}} (ADR 3), one cached counter per source topic. */
    private static final class DeadLetterCounter implements RetryListener {

        private final MeterRegistry meters;
        private final String group;
        private final Map<String, Counter> byTopic = new ConcurrentHashMap<>();

        DeadLetterCounter(MeterRegistry meters, String group) {
            this.meters = meters;
            this.group = group;
        }

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
            // counted once, when recovered
        }

        @Override
        public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
            byTopic.computeIfAbsent(record.topic(), topic -> meters.counter("orderflow.events.dead.lettered",
                    "group", group, "topic", topic)).increment();
        }
    }
}
