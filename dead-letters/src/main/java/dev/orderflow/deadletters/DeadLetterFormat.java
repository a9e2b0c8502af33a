package dev.orderflow.deadletters;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;

/** How records are shown: one block per dead letter, every field on one line. */
final class DeadLetterFormat {

    static final int VALUE_PREVIEW_CHARS = 200;
    static final int MESSAGE_PREVIEW_CHARS = 500;
    private static final String NONE = "-";
    private static final String INDENT = "    ";

    private DeadLetterFormat() {
    }

    /**
     * <pre>
     * 2@0  key=9a6c…  event-type=OrderPlaced  from order-events-2@41 group=inventory-service
     *     exception  org.springframework.kafka.listener.ListenerExecutionFailedException
     *     message    Listener failed
     *     cause      java.lang.IllegalStateException: no stock row for SKU-404   (when the stack trace has one)
     *     value      {"eventId":"…","orderId":"…",…}
     * </pre>
     */
    static List<String> describe(DeadLetter letter) {
        List<String> lines = new ArrayList<>(List.of(
                letter.position() + "  key=" + letter.keyText().map(key -> oneLine(key, VALUE_PREVIEW_CHARS)).orElse(NONE)
                        + "  event-type=" + letter.eventType().orElse(NONE)
                        + "  from " + letter.origin().orElse(NONE)
                        + letter.consumerGroup().map(group -> " group=" + group).orElse(""),
                INDENT + "exception  " + letter.exceptionClass().orElse(NONE),
                INDENT + "message    " + letter.exceptionMessage().map(message -> oneLine(message, MESSAGE_PREVIEW_CHARS)).orElse(NONE)));
        letter.rootCause().ifPresent(cause -> lines.add(INDENT + "cause      " + oneLine(cause, MESSAGE_PREVIEW_CHARS)));
        lines.add(INDENT + "value      " + letter.valueText().map(value -> oneLine(value, VALUE_PREVIEW_CHARS)).orElse("(null)"));
        return lines;
    }

    /** {@code 2@0 -> order-events-2@57  key=…  event-type=OrderPlaced} */
    static String redriven(DeadLetter letter, RecordMetadata sent) {
        return letter.position() + " -> " + sent.topic() + "-" + sent.partition() + "@" + sent.offset()
                + "  key=" + letter.keyText().orElse(NONE)
                + "  event-type=" + letter.eventType().orElse(NONE);
    }

    static String records(int count) {
        return count == 1 ? "1 record" : count + " records";
    }

    /**
     * The first {@code maxChars} characters of {@code text}, with line breaks and tabs written as {@code \n},
     * {@code \r}, {@code \t} so one field stays on one line (JSON's own escapes are left as they are);
     * {@code ...} marks a cut.
     */
    static String oneLine(String text, int maxChars) {
        boolean cut = text.length() > maxChars;
        String kept = cut ? text.substring(0, maxChars) : text;
        String escaped = kept.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return cut ? escaped + "..." : escaped;
    }
}
