package dev.orderflow.order.config;

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
 * a {@code group} tag so that lag reads per consumer group. This does what Boot's {@code KafkaMetricsAutoConfiguration}
 * does (excluded in application.yml) plus that tag: Boot's binds the same meters without it, and Kafka does not tag
 * its metrics with the group. Both together would bind every meter twice.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    DefaultKafkaConsumerFactoryCustomizer kafkaConsumerMetrics(MeterRegistry registry,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        return factory -> factory.addListener(new MicrometerConsumerListener<>(registry, List.of(Tag.of("group", group))));
    }

    /**
     * The same {@code group} tag: {@code kafka.app.info.*} is a name both clients use, and Prometheus refuses (with a
     * warning at start-up) a second meter of one name whose tag keys differ, so the producer's would be missing.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer kafkaProducerMetrics(MeterRegistry registry,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        return factory -> factory.addListener(new MicrometerProducerListener<>(registry, List.of(Tag.of("group", group))));
    }
}
