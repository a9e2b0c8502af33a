package dev.orderflow.order.config;

import dev.orderflow.events.Topics;
import dev.orderflow.messaging.batch.BatchConsumerConfiguration;
import dev.orderflow.messaging.outbox.OutboxConfiguration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics this service creates; its outbox and its consumer (batch listener, retries, dead letters, counters) are the
 * messaging core's, around {@code domain.OrderEventOutbox} and {@code messaging.InventoryEventsHandler} (ADR 1, 2, 6).
 */
@Configuration(proxyBeanMethods = false)
@Import({OutboxConfiguration.class, BatchConsumerConfiguration.class})
class KafkaConfiguration {

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
}
