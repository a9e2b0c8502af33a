package dev.orderflow.deadletters;

import static dev.orderflow.deadletters.DeadLetterTests.deadLetter;
import static dev.orderflow.deadletters.DeadLetterTests.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterFormatTests {

    @Test
    void describesADeadLetterInOneBlock() {
        DeadLetter letter = deadLetter(new RecordHeaders()
                .add(text("event-type", "OrderPlaced"))
                .add(text(DeadLetter.ORIGINAL_TOPIC, "order-events"))
                .add(new RecordHeader(DeadLetter.ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(3).array()))
                .add(new RecordHeader(DeadLetter.ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(41).array()))
                .add(text(DeadLetter.ORIGINAL_CONSUMER_GROUP, "inventory-service"))
                .add(text(DeadLetter.EXCEPTION_CLASS, "org.springframework.kafka.listener.ListenerExecutionFailedException"))
                .add(text(DeadLetter.EXCEPTION_MESSAGE, "Listener failed\nno stock row"))
                .add(text(DeadLetter.EXCEPTION_STACKTRACE, """
                        org.springframework.kafka.listener.ListenerExecutionFailedException: Listener failed
                        \tat org.springframework.kafka.listener.KafkaMessageListenerContainer.invoke(KafkaMessageListenerContainer.java:1)
                        Caused by: org.springframework.dao.DataIntegrityViolationException: could not execute statement
                        \tat org.hibernate.Session.flush(Session.java:1)
                        Caused by: org.postgresql.util.PSQLException: ERROR: value too long for type character varying(64)
                        \tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:1)
                        \t... 42 more
                        """)));

        assertThat(DeadLetterFormat.describe(letter)).containsExactly(
                "3@7  key=order-1  event-type=OrderPlaced  from order-events-3@41 group=inventory-service",
                "    exception  org.springframework.kafka.listener.ListenerExecutionFailedException",
                "    message    Listener failed\\nno stock row",
                "    cause      org.postgresql.util.PSQLException: ERROR: value too long for type character varying(64)",
                "    value      {\"eventId\":\"e-1\"}");
    }

    @Test
    void marksWhatARecordWithoutHeadersDoesNotSay() {
        assertThat(DeadLetterFormat.describe(deadLetter(new RecordHeaders()))).containsExactly(
                "3@7  key=order-1  event-type=-  from -",
                "    exception  -",
                "    message    -",
                "    value      {\"eventId\":\"e-1\"}");
    }

    @Test
    void keepsTheFirstCharactersOnOneLine() {
        assertThat(DeadLetterFormat.oneLine("a\tb\r\nc", 10)).isEqualTo("a\\tb\\r\\nc");
        assertThat(DeadLetterFormat.oneLine("x".repeat(201), 200)).isEqualTo("x".repeat(200) + "...");
        assertThat(DeadLetterFormat.oneLine("x".repeat(200), 200)).isEqualTo("x".repeat(200));
        assertThat(DeadLetterFormat.oneLine("{\"note\":\"say \\\"hi\\\"\"}", 200)).isEqualTo("{\"note\":\"say \\\"hi\\\"\"}");
    }

    @Test
    void saysWhereARedrivenRecordLanded() {
        DeadLetter letter = deadLetter(new RecordHeaders().add(text("event-type", "OrderPlaced")));
        RecordMetadata landed = new RecordMetadata(new TopicPartition("order-events", 3), 57, 0, 0L, 7, 20);

        assertThat(DeadLetterFormat.redriven(letter, landed)).isEqualTo("3@7 -> order-events-3@57  key=order-1  event-type=OrderPlaced");
    }

    @Test
    void countsRecordsInPlainWords() {
        assertThat(DeadLetterFormat.records(1)).isEqualTo("1 record");
        assertThat(DeadLetterFormat.records(0)).isEqualTo("0 records");
        assertThat(DeadLetterFormat.records(12)).isEqualTo("12 records");
    }
}
