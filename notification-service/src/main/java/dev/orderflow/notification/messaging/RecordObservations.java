package dev.orderflow.notification.messaging;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Iterator;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MetricName;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.stereotype.Component;

/**
 * spring-kafka's own listener observation, one per record (ADR 6). The container observes record listeners only;
 * a batch listener that wants each record to continue the trace of its {@code traceparent} header, with that trace
 * id in the record's log lines (ADR 4), starts the same observation itself: same name, convention and tags.
 */
@Component
public class RecordObservations {

    private final ObservationRegistry registry;
    private final KafkaAdmin admin;
    private final String group;

    RecordObservations(ObservationRegistry registry, KafkaAdmin admin,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        this.registry = registry;
        this.admin = admin;
        this.group = group;
    }

    /**
     * Starts the observation of a record. KafkaAdmin asks the cluster for its id once and keeps it, as the container
     * does for its own observations.
     *
     * @param clientId the {@link #clientIdOf client.id} of the consumer that read the record, null if unknown
     */
    Observation start(ConsumerRecord<?, ?> record, String clientId) {
        return KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, OrderEventsListener.ID, clientId, group, admin::clusterId),
                registry).start();
    }

    /** Kafka's consumer has no getter for its client.id; the container reads it from a metric's tags, as here. */
    static String clientIdOf(Consumer<?, ?> consumer) {
        if (consumer == null) {
            return null;
        }
        Iterator<MetricName> metrics = consumer.metrics().keySet().iterator();
        return metrics.hasNext() ? metrics.next().tags().get("client-id") : null;
    }
}
