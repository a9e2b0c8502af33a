package dev.orderflow.notification.config;

import dev.orderflow.events.Event;
import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.events.kafka.EventSerializer;
import dev.orderflow.notification.messaging.DeadLetterRecoverer;
import dev.orderflow.notification.messaging.EventMetrics;
import dev.orderflow.notification.messaging.RecordObservations;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.ExponentialBackOff;

/** Topics this service declares and the error handling of its listener (ADR 2, ADR 3, ADR 6). */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    private static final double BACK_OFF_MULTIPLIER = 2.0;

    @Bean
    KafkaAdmin.NewTopics topics(TopicsProperties topics) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.ORDER_EVENTS, topics),
                topic(Topics.deadLetterOf(Topics.ORDER_EVENTS), topics));
    }

    private static NewTopic topic(String name, TopicsProperties topics) {
        return TopicBuilder.name(name)
                .partitions(topics.partitions())
                .replicas(topics.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(topics.minInsyncReplicas()))
                .build();
    }

    /**
     * Boot wires the single {@code CommonErrorHandler} bean into its listener container factory. The listener reports
     * a failure as a {@code BatchListenerFailedException} naming one record: the handler commits the offsets of the
     * records before it, then applies what follows to that record alone (classification, back-off, dead letter),
     * and the records after it are delivered again (ADR 6).
     */
    @Bean
    DefaultErrorHandler errorHandler(ProducerFactory<Object, Object> producerFactory, NotificationProperties properties,
            RecordObservations observations, EventMetrics metrics,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        NotificationProperties.Retry retry = properties.retry();
        ExponentialBackOffWithMaxRetries fewRetries = new ExponentialBackOffWithMaxRetries(retry.maxRetries());
        configure(fewRetries, retry);
        ExponentialBackOff untilRecovered = new ExponentialBackOff();
        configure(untilRecovered, retry);

        DefaultErrorHandler handler = new DefaultErrorHandler(
                new DeadLetterRecoverer(deadLetterPublisher(producerFactory), observations, metrics, group), fewRetries);
        // Deserialization failures are already not retryable by default; a record that can never become an
        // event is just as hopeless wherever it is detected. Both are found as causes of the listener's
        // BatchListenerFailedException.
        handler.addNotRetryableExceptions(UnreadableEventException.class);
        // null falls back to the few retries.
        handler.setBackOffFunction((record, exception) -> isTransient(exception) ? untilRecovered : null);
        // Once the failed record is handled, the handler has the records after it delivered again by throwing
        // an exception, which the container would log at ERROR with a stack trace for every unreadable record
        // in the middle of a batch. The listener and the recoverer have already logged what happened.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    /**
     * The listener observes each record itself (messaging.RecordObservations), which times it as
     * {@code spring.kafka.listener}; the container's own timer of that name, which it keeps when its observation is
     * off, would time whole batches under other tags, and Prometheus takes only one set of tags per name.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> noContainerTimer() {
        return container -> container.getContainerProperties().setMicrometerEnabled(false);
    }

    /**
     * Dead letters keep the value they arrived with: the raw bytes of a record that could not be read, the
     * event of one that failed later. Each kind needs its own value serializer, so each gets a template
     * derived from Boot's producer factory (acks=all, idempotence) with that serializer.
     */
    private static DeadLetterPublishingRecoverer deadLetterPublisher(ProducerFactory<Object, Object> producerFactory) {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, new KafkaTemplate<>(producerFactory,
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
        templates.put(Event.class, new KafkaTemplate<>(producerFactory,
                Map.of(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, EventSerializer.class)));
        // The default destination is <topic>-dlt, same partition: what ADR 2 asks for.
        return new DeadLetterPublishingRecoverer(templates);
    }

    /**
     * The handler hands over the container's wrapper (ListenerExecutionFailedException) around the listener's
     * BatchListenerFailedException, so look at every cause.
     */
    private static boolean isTransient(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    private static void configure(ExponentialBackOff backOff, NotificationProperties.Retry retry) {
        backOff.setInitialInterval(retry.initialInterval().toMillis());
        backOff.setMultiplier(BACK_OFF_MULTIPLIER);
        backOff.setMaxInterval(retry.maxInterval().toMillis());
    }
}
