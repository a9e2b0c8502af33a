package dev.orderflow.messaging.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;

/**
 * The Kafka clients' own metrics, among them {@code kafka.consumer.fetch.manager.records.lag{topic,partition}}, with
 * a {@code group} tag so that lag reads per consumer group (ADR 4). This does what Boot's
 * {@code KafkaMetricsAutoConfiguration} does plus that tag; a service excludes Boot's (application.yml), which would
 * bind every meter a second time without it. The producer gets the same tag: {@code kafka.app.info.*} is a name both
 * clients use, and Prometheus refuses a second meter of one name whose tag keys differ.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaClientMetricsConfiguration {

    @Bean
    DefaultKafkaConsumerFactoryCustomizer kafkaConsumerMetrics(MeterRegistry registry,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        return factory -> factory.addListener(new MicrometerConsumerListener<>(registry, List.of(Tag.of("group", group))));
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer kafkaProducerMetrics(MeterRegistry registry,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        return factory -> factory.addListener(new MicrometerProducerListener<>(registry, List.of(Tag.of("group", group))));
    }
}
