package dev.orderflow.events;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapping of events. Reading is tolerant (unknown properties are ignored, so producers can add
 * fields); writing is stable (ISO-8601 instants, fields in declaration order), frozen by snapshot tests.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static byte[] write(Event event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static String writeString(Event event) {
        return new String(write(event), StandardCharsets.UTF_8);
    }

    /**
     * Reads the event that {@code eventType} names and checks it is one {@code expected} accepts.
     *
     * @throws UnreadableEventException when the type is unknown or not expected here, the JSON is
     *                                  malformed, or an envelope field is missing
     */
    public static <E extends Event> E read(String eventType, byte[] json, Class<E> expected) {
        EventType type = EventType.fromWireName(eventType)
                .orElseThrow(() -> new UnreadableEventException("unknown event type '" + eventType + "'"));
        if (!expected.isAssignableFrom(type.recordType())) {
            throw new UnreadableEventException(
                    "event type '" + eventType + "' is not a " + expected.getSimpleName());
        }
        if (json == null) {
            throw new UnreadableEventException("event '" + eventType + "' has no value");
        }
        Event event;
        try {
            event = MAPPER.readValue(json, type.recordType());
        } catch (JacksonException e) {
            throw new UnreadableEventException("event '" + eventType + "' is not valid JSON: " + e.getOriginalMessage(), e);
        }
        requireEnvelope(event, eventType);
        return expected.cast(event);
    }

    private static void requireEnvelope(Event event, String eventType) {
        if (event.eventId() == null || event.orderId() == null || event.occurredAt() == null || event.sequence() < 1) {
            throw new UnreadableEventException(
                    "event '" + eventType + "' lacks eventId, orderId, occurredAt or a sequence >= 1");
        }
    }
}
