package dev.orderflow.deadletters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A record of a dead-letter topic as spring-kafka's {@code DeadLetterPublishingRecoverer} writes it: the
 * failed record's key, value and headers, plus {@code kafka_dlt-*} headers saying where it came from and
 * why it failed.
 */
final class DeadLetter {

    /** The prefix of every header spring-kafka adds when it dead-letters a record. */
    static final String DEAD_LETTER_HEADER_PREFIX = "kafka_dlt-";
    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    static final String EXCEPTION_CLASS = "kafka_dlt-exception-fqcn";
    static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    static final String EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";
    /** The contract's header naming an event's type (orderflow's events module, {@code Headers}). */
    static final String EVENT_TYPE = "event-type";

    private static final String CAUSED_BY = "Caused by: ";

    private final RecordPosition position;
    private final byte[] key;
    private final byte[] value;
    private final Headers headers;

    private DeadLetter(RecordPosition position, byte[] key, byte[] value, Headers headers) {
        this.position = position;
        this.key = key;
        this.value = value;
        this.headers = headers;
    }

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(new RecordPosition(record.partition(), record.offset()), record.key(), record.value(),
                record.headers());
    }

    RecordPosition position() {
        return position;
    }

    byte[] key() {
        return key;
    }

    byte[] value() {
        return value;
    }

    Optional<String> keyText() {
        return Optional.ofNullable(key).map(DeadLetter::text);
    }

    Optional<String> valueText() {
        return Optional.ofNullable(value).map(DeadLetter::text);
    }

    Optional<String> eventType() {
        return textHeader(EVENT_TYPE);
    }

    Optional<String> exceptionClass() {
        return textHeader(EXCEPTION_CLASS);
    }

    Optional<String> exceptionMessage() {
        return textHeader(EXCEPTION_MESSAGE);
    }

    /**
     * The innermost cause in the recorded stack trace ({@code dev.orderflow.events.UnreadableEventException:
     * unknown event type 'OrderShipped'}): the outer exception is often a wrapper with a generic message.
     */
    Optional<String> rootCause() {
        return textHeader(EXCEPTION_STACKTRACE).flatMap(trace -> trace.lines()
                .filter(line -> line.startsWith(CAUSED_BY))
                .reduce((first, second) -> second)
                .map(line -> line.substring(CAUSED_BY.length()).strip()));
    }

    Optional<String> originalTopic() {
        return textHeader(ORIGINAL_TOPIC);
    }

    /** The consumer group that failed: one dead-letter topic may collect the failures of several groups. */
    Optional<String> consumerGroup() {
        return textHeader(ORIGINAL_CONSUMER_GROUP);
    }

    /** {@code order-events-3@41}, when the headers name the topic, partition and offset the record failed at. */
    Optional<String> origin() {
        Optional<String> topic = originalTopic();
        Optional<Long> partition = numberHeader(ORIGINAL_PARTITION);
        Optional<Long> offset = numberHeader(ORIGINAL_OFFSET);
        if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(topic.get() + "-" + partition.get() + "@" + offset.get());
    }

    /** The headers the record had before it failed: every header except spring-kafka's {@code kafka_dlt-*}. */
    List<Header> originalHeaders() {
        List<Header> original = new ArrayList<>();
        for (Header header : headers) {
            if (!header.key().startsWith(DEAD_LETTER_HEADER_PREFIX)) {
                original.add(header);
            }
        }
        return original;
    }

    private Optional<String> textHeader(String name) {
        return Optional.ofNullable(headers.lastHeader(name)).map(Header::value).map(DeadLetter::text);
    }

    /** spring-kafka writes the original partition as a 4-byte and the offset as an 8-byte big-endian number. */
    private Optional<Long> numberHeader(String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        byte[] bytes = header.value();
        if (bytes.length == Integer.BYTES) {
            return Optional.of((long) ByteBuffer.wrap(bytes).getInt());
        }
        if (bytes.length == Long.BYTES) {
            return Optional.of(ByteBuffer.wrap(bytes).getLong());
        }
        try {
            return Optional.of(Long.parseLong(text(bytes).trim()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
