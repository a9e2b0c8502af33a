package dev.orderflow.deadletters;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterTests {

    @Test
    void readsWhereTheRecordFailedFromSpringKafkasBinaryHeaders() {
        DeadLetter letter = deadLetter(new RecordHeaders()
                .add(text("event-type", "OrderPlaced"))
                .add(text(DeadLetter.ORIGINAL_TOPIC, "order-events"))
                .add(new RecordHeader(DeadLetter.ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(3).array()))
                .add(new RecordHeader(DeadLetter.ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(4_200_000_000L).array()))
                .add(text(DeadLetter.EXCEPTION_CLASS, "java.lang.IllegalStateException"))
                .add(text(DeadLetter.EXCEPTION_MESSAGE, "no stock row")));

        assertThat(letter.position()).isEqualTo(new RecordPosition(3, 7));
        assertThat(letter.origin()).contains("order-events-3@4200000000");
        assertThat(letter.originalTopic()).contains("order-events");
        assertThat(letter.eventType()).contains("OrderPlaced");
        assertThat(letter.exceptionClass()).contains("java.lang.IllegalStateException");
        assertThat(letter.exceptionMessage()).contains("no stock row");
        assertThat(letter.keyText()).contains("order-1");
    }

    @Test
    void hasNoOriginWhenAHeaderIsMissing() {
        DeadLetter letter = deadLetter(new RecordHeaders().add(text(DeadLetter.ORIGINAL_TOPIC, "order-events")));

        assertThat(letter.origin()).isEmpty();
        assertThat(letter.eventType()).isEmpty();
        assertThat(letter.exceptionClass()).isEmpty();
    }

    @Test
    void keepsTheOriginalHeadersInTheirOrderAndDropsSpringKafkasDeadLetterHeaders() {
        DeadLetter letter = deadLetter(new RecordHeaders()
                .add(text("event-type", "OrderPlaced"))
                .add(text(DeadLetter.ORIGINAL_TOPIC, "order-events"))
                .add(text("event-id", "e-1"))
                .add(text("kafka_dlt-exception-stacktrace", "at ..."))
                .add(text("traceparent", "00-1-2-01"))
                .add(text("traceparent", "00-3-4-01")));

        assertThat(letter.originalHeaders()).extracting(Header::key, header -> new String(header.value(), UTF_8))
                .containsExactly(
                        tuple("event-type", "OrderPlaced"),
                        tuple("event-id", "e-1"),
                        tuple("traceparent", "00-1-2-01"),
                        tuple("traceparent", "00-3-4-01"));
    }

    @Test
    void toleratesARecordWithoutKeyOrValue() {
        DeadLetter letter = DeadLetter.of(new ConsumerRecord<>("order-events-dlt", 0, 0L, 0L, TimestampType.CREATE_TIME,
                0, 0, null, null, new RecordHeaders(), Optional.empty()));

        assertThat(letter.keyText()).isEmpty();
        assertThat(letter.valueText()).isEmpty();
        assertThat(letter.originalHeaders()).isEmpty();
    }

    static DeadLetter deadLetter(Headers headers) {
        return DeadLetter.of(new ConsumerRecord<>("order-events-dlt", 3, 7L, 0L, TimestampType.CREATE_TIME, 7, 20,
                "order-1".getBytes(UTF_8), "{\"eventId\":\"e-1\"}".getBytes(UTF_8), headers, Optional.empty()));
    }

    static Header text(String key, String value) {
        return new RecordHeader(key, value.getBytes(UTF_8));
    }
}
