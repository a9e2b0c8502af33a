package dev.orderflow.messaging.batch;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MetricName;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * spring-kafka's own listener observation, one per record (ADR 6). Its container observes record listeners only, so
 * the batch listener starts the same observation (name, convention, tags) for each record itself; it continues the
 * trace of the record's {@code traceparent} header, with that trace id in the record's log lines (ADR 4).
 */
final class RecordObservations {

    private final ObservationRegistry registry;
    private final KafkaAdmin admin;
    private final String listenerId;
    private final String group;

    /** The client id of the last consumer seen: the single listener thread asks Kafka for it once, not every poll. */
    private volatile Consumer<?, ?> lastConsumer;
    private volatile String lastClientId;

    RecordObservations(ObservationRegistry registry, KafkaAdmin admin, String listenerId, String group) {
        this.registry = registry;
        this.admin = admin;
        this.listenerId = listenerId;
        this.group = group;
    }

    /** KafkaAdmin asks the cluster for its id once and keeps it, as the container does for its own observations. */
    Observation start(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer) {
        String clientId = clientIdOf(consumer);
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, listenerId, clientId, group, admin::clusterId),
                registry).start();
    }

    /** Kafka's consumer has no getter for its client.id; the container reads it from a metric's tags, as here. */
    private String clientIdOf(Consumer<?, ?> consumer) {
        if (consumer == null) {
            return null;
        }
        if (consumer == lastConsumer) {
            return lastClientId;
        }
        String clientId = null;
        for (MetricName name : consumer.metrics().keySet()) {
            clientId = name.tags().get("client-id");
            if (clientId != null) {
                break;
            }
        }
        lastClientId = clientId;
        lastConsumer = consumer;
        return clientId;
    }
}
