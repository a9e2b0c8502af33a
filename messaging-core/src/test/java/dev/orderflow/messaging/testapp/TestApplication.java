package dev.orderflow.messaging.testapp;

import dev.orderflow.events.Topics;
import dev.orderflow.messaging.batch.BatchConsumerConfiguration;
import dev.orderflow.messaging.outbox.OutboxConfiguration;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** A stand-in service: the core's outbox and consumer around {@link TestHandler}, a domain of one table. */
@SpringBootApplication
@Import({OutboxConfiguration.class, BatchConsumerConfiguration.class})
public class TestApplication {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KafkaAdmin.NewTopics topics() {
        return new KafkaAdmin.NewTopics(topic(Topics.ORDER_EVENTS), topic(Topics.deadLetterOf(Topics.ORDER_EVENTS)),
                topic(Topics.INVENTORY_EVENTS));
    }

    private static NewTopic topic(String name) {
        return TopicBuilder.name(name).partitions(3).replicas(1).build();
    }
}
