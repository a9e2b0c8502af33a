package dev.orderflow.inventory.messaging;

import static dev.orderflow.inventory.messaging.OrderEvents.answers;
import static dev.orderflow.inventory.messaging.OrderEvents.line;
import static dev.orderflow.inventory.messaging.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.EventHeaders;
import dev.orderflow.events.StockReserved;
import dev.orderflow.events.Topics;
import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.inventory.InventoryServiceIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DeserializationException;

class DeadLetterIT extends InventoryServiceIntegrationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "OrderPlaced  | this is not JSON                                      | is not valid JSON",
            "OrderShipped | {\"eventId\": \"8c1b7e2a-0d6f-4a59-9a57-7f0c5d2f1e11\"} | unknown event type 'OrderShipped'"
    })
    void sendsAnUnreadableRecordToTheDeadLetterTopicAndHandlesTheNextOne(String eventType, String value,
            String expectedError) {
        String sku = uniqueSku("AFTER-POISON");
        stock(sku, 5, 0);
        UUID orderId = UUID.randomUUID();
        String key = orderId.toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_TYPE, eventType.getBytes(StandardCharsets.UTF_8));
        byte[] poison = value.getBytes(StandardCharsets.UTF_8);

        publish(new ProducerRecord<>(Topics.ORDER_EVENTS, null, key, poison, headers));
        publish(Topics.ORDER_EVENTS, placed(orderId, 1, line(sku, 2)));

        try (TopicReader deadLetters = new TopicReader(brokers(), Topics.deadLetterOf(Topics.ORDER_EVENTS));
                TopicReader inventoryEvents = new TopicReader(brokers(), Topics.INVENTORY_EVENTS)) {
            ConsumerRecord<String, byte[]> deadLetter = await().until(() -> deadLetters.recordsWithKey(key),
                    found -> !found.isEmpty()).get(0);
            assertThat(deadLetter.value()).isEqualTo(poison);
            assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.ORDER_EVENTS);
            assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(DeserializationException.class.getName());
            assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
                    .contains(UnreadableEventException.class.getName() + ": ")
                    .contains(expectedError);

            assertThat(answers(await().until(() -> inventoryEvents.recordsWithKey(key), found -> !found.isEmpty())))
                    .singleElement().isInstanceOf(StockReserved.class);
            assertThat(deadLetters.recordsWithKey(key)).hasSize(1);
        }
        assertThat(reserved(sku)).isEqualTo(2);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
