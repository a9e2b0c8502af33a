package dev.orderflow.events;

/** Topic names: {@code <aggregate>-events}, every record keyed by orderId. */
public final class Topics {

    public static final String ORDER_EVENTS = "order-events";
    public static final String INVENTORY_EVENTS = "inventory-events";

    /** Suffix of the dead-letter topic that takes a topic's records that fail after retries. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
