package dev.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** W3C trace context for the tests: made-up ids to send, and the trace id a published record carries. */
public final class TraceIds {

    private TraceIds() {
    }

    /** The trace id of the record's {@code traceparent} header, which must be well formed. */
    public static String traceIdOf(ConsumerRecord<?, ?> record) {
        String traceparent = KafkaProbe.header(record, "traceparent");
        assertThat(traceparent).as("traceparent header").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    /** {@code bytes} random bytes in lower-case hex: 16 for a trace id, 8 for a span id. */
    public static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
