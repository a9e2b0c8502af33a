package dev.orderflow.inventory.config;

import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/** Topics this service creates, and how a record that fails is retried or dead-lettered (ADR 2). */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    @Bean
    KafkaAdmin.NewTopics inventoryServiceTopics(TopicsProperties topics) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.ORDER_EVENTS, topics),
                topic(Topics.deadLetterOf(Topics.ORDER_EVENTS), topics),
                topic(Topics.INVENTORY_EVENTS, topics));
    }

    private static NewTopic topic(String name, TopicsProperties topics) {
        return TopicBuilder.name(name)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(topics.minInsyncReplicas()))
                .build();
    }

    /**
     * The order-events listener observes each record itself (ADR 6), which records the {@code spring.kafka.listener}
     * timer. With the container's observations off, spring-kafka would time each poll under that name too, with
     * other tags, and Prometheus cannot hold both.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> withoutContainerTimer() {
        return container -> container.getContainerProperties().setMicrometerEnabled(false);
    }

    /**
     * Boot gives the single {@code CommonErrorHandler} bean to its listener container factory. Unreadable
     * records go straight to {@code <topic>-dlt} on the same partition; a transient database failure is
     * retried until the database is back; any other failure a few times, then dead-lettered.
     */
    @Bean
    DefaultErrorHandler errorHandler(KafkaOperations<?, ?> kafkaTemplate, InventoryProperties properties,
            MeterRegistry meterRegistry) {
        InventoryProperties.Consumer consumer = properties.consumer();
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));

        ExponentialBackOff fewRetries = backOff(consumer);
        fewRetries.setMaxAttempts(consumer.maxRetries());
        BackOff untilTheDatabaseIsBack = backOff(consumer);

        DefaultErrorHandler errorHandler = new DefaultErrorHandler(deadLetters, fewRetries);
        errorHandler.addNotRetryableExceptions(UnreadableEventException.class);
        errorHandler.setBackOffFunction((record, failure) -> isTransientDatabaseFailure(failure) ? untilTheDatabaseIsBack : null);
        // Each attempt is logged below as one line; the handler's own log would repeat it with a stack trace.
        errorHandler.setLogLevel(KafkaException.Level.DEBUG);
        errorHandler.setRetryListeners(new FailureLog(meterRegistry));
        return errorHandler;
    }

    private static ExponentialBackOff backOff(InventoryProperties.Consumer consumer) {
        ExponentialBackOff backOff = new ExponentialBackOff(consumer.retryInterval().toMillis(), 2.0);
        backOff.setMaxInterval(consumer.maxRetryInterval().toMillis());
        return backOff;
    }

    static boolean isTransientDatabaseFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean isUnreadable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeserializationException || cause instanceof UnreadableEventException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " group=" + KafkaUtils.getConsumerGroupId();
    }

    /** One line per failed attempt and per dead letter; a stack trace only for failures nobody expected. */
    private static final class FailureLog implements RetryListener {

        private final MeterRegistry meterRegistry;

        FailureLog(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
        }

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
            Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
            meterRegistry.counter("orderflow.events.failed.attempts", "group", String.valueOf(KafkaUtils.getConsumerGroupId()),
                    "topic", record.topic(), "exception", root.getClass().getSimpleName()).increment();
            if (!isUnreadable(failure)) {
                log.warn("{} attempt {} failed: {}: {}", where(record), deliveryAttempt, root.getClass().getSimpleName(),
                        root.getMessage());
            }
        }

        @Override
        public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
            meterRegistry.counter("orderflow.events.dead.lettered", "group", String.valueOf(KafkaUtils.getConsumerGroupId()),
                    "topic", record.topic()).increment();
            Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
            if (isUnreadable(failure)) {
                log.warn("{} -> unreadable ({}), sent to {}", where(record), root.getMessage(), Topics.deadLetterOf(record.topic()));
            } else {
                log.error("{} -> failed after retries, sent to {}", where(record), Topics.deadLetterOf(record.topic()), failure);
            }
        }

        @Override
        public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
            log.error("{} -> could not be sent to {}, will be tried again: {}", where(record),
                    Topics.deadLetterOf(record.topic()), NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
        }
    }
}
