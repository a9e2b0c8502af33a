package dev.orderflow.events;

/** Kafka record headers every event carries, so a reader can route a record without parsing its value. */
public final class EventHeaders {

    /** The event's wire name, e.g. {@code OrderPlaced}. */
    public static final String EVENT_TYPE = "event-type";
    /** The event's eventId, the key of idempotent consumption. */
    public static final String EVENT_ID = "event-id";

    private EventHeaders() {
    }
}
