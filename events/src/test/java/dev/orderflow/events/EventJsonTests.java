package dev.orderflow.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Freezes every event's JSON: a change here breaks the published contract and needs a new event name. */
class EventJsonTests {

    static final UUID EVENT_ID = UUID.fromString("0b7f4d2e-55c1-4c1e-9d3f-2f0a7c9e1a01");
    static final UUID ORDER_ID = UUID.fromString("7f1c2a9e-3b4d-4e5f-8a6b-9c0d1e2f3a4b");
    static final Instant AT = Instant.parse("2026-11-26T12:00:00.250Z");
    static final List<OrderLine> LINES = List.of(new OrderLine("SKU-001", 2), new OrderLine("SKU-002", 1));

    static Stream<Event> oneOfEachType() {
        return Stream.of(
                new OrderPlaced(EVENT_ID, ORDER_ID, 1, AT, "c-42", LINES),
                new OrderCancelled(EVENT_ID, ORDER_ID, 3, AT, "c-42"),
                new OrderConfirmed(EVENT_ID, ORDER_ID, 2, AT, "c-42"),
                new OrderRejected(EVENT_ID, ORDER_ID, 2, AT, "c-42", "insufficient stock for SKU-002"),
                new StockReserved(EVENT_ID, ORDER_ID, 1, AT, LINES),
                new StockRejected(EVENT_ID, ORDER_ID, 1, AT, "unknown SKU SKU-404"),
                new StockReleased(EVENT_ID, ORDER_ID, 2, AT, LINES));
    }

    @Test
    void coversEveryEventType() {
        assertThat(oneOfEachType().map(Event::eventType))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values()).map(EventType::wireName).toList());
    }

    @ParameterizedTest
    @MethodSource("oneOfEachType")
    void writesTheFrozenJson(Event event) throws IOException {
        assertThat(EventJson.writeString(event)).isEqualTo(snapshot(event.eventType()));
    }

    @ParameterizedTest
    @MethodSource("oneOfEachType")
    void readsBackWhatItWrites(Event event) {
        assertThat(EventJson.read(event.eventType(), EventJson.write(event), Event.class)).isEqualTo(event);
    }

    @Test
    void ignoresPropertiesItDoesNotKnow() {
        String json = """
                {"eventId":"%s","orderId":"%s","sequence":2,"occurredAt":"2026-11-26T12:00:00.250Z",
                 "customerId":"c-42","loyaltyPoints":12}""".formatted(EVENT_ID, ORDER_ID);

        OrderEvent event = EventJson.read("OrderConfirmed", json.getBytes(StandardCharsets.UTF_8), OrderEvent.class);

        assertThat(event).isEqualTo(new OrderConfirmed(EVENT_ID, ORDER_ID, 2, AT, "c-42"));
    }

    @Test
    void rejectsAnUnknownEventType() {
        assertThatThrownBy(() -> EventJson.read("OrderShipped", "{}".getBytes(StandardCharsets.UTF_8), OrderEvent.class))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("unknown event type 'OrderShipped'");
    }

    @Test
    void rejectsAnEventOfAnotherTopic() {
        byte[] json = EventJson.write(new StockRejected(EVENT_ID, ORDER_ID, 1, AT, "short"));

        assertThatThrownBy(() -> EventJson.read("StockRejected", json, OrderEvent.class))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("not a OrderEvent");
    }

    @Test
    void rejectsMalformedJson() {
        assertThatThrownBy(() -> EventJson.read("OrderPlaced", "not json".getBytes(StandardCharsets.UTF_8), OrderEvent.class))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void rejectsAnEventWithoutItsEnvelope() {
        byte[] json = """
                {"orderId":"%s","sequence":1,"occurredAt":"2026-11-26T12:00:00Z","customerId":"c-42"}"""
                .formatted(ORDER_ID).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EventJson.read("OrderConfirmed", json, OrderEvent.class))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("lacks eventId");
    }

    private static String snapshot(String eventType) throws IOException {
        try (InputStream in = EventJsonTests.class.getResourceAsStream("/snapshots/" + eventType + ".json")) {
            assertThat(in).as("snapshot for %s", eventType).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
