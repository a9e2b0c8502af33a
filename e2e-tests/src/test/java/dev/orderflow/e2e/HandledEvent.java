package dev.orderflow.e2e;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One "handled event" line of a service's log, the shape every consumer prints (docs/adr/0003):
 * {@code OrderPlaced orderId=7f1c… seq=1 order-events-3@42 group=inventory-service -> reserved 2 lines, …}.
 */
public record HandledEvent(String eventType, String orderId, int sequence, String topicPartition, long offset,
        String group, String outcome) {

    private static final Pattern LINE = Pattern.compile(
            "\\b(?<type>[A-Z][A-Za-z]+) orderId=(?<orderId>\\S+) seq=(?<seq>\\d+) (?<partition>\\S+-\\d+)@(?<offset>\\d+)"
                    + " group=(?<group>\\S+) -> (?<outcome>.*)$");

    /** The handled-event lines about {@code orderId} in {@code logLines}, in the order they were logged. */
    public static List<HandledEvent> of(String orderId, List<String> logLines) {
        return logLines.stream()
                .map(LINE::matcher)
                .filter(Matcher::find)
                .filter(matcher -> matcher.group("orderId").equals(orderId))
                .map(matcher -> new HandledEvent(matcher.group("type"), matcher.group("orderId"),
                        Integer.parseInt(matcher.group("seq")), matcher.group("partition"),
                        Long.parseLong(matcher.group("offset")), matcher.group("group"), matcher.group("outcome")))
                .toList();
    }
}
