package dev.orderflow.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The wire names of the events and the records they map to. A wire name never changes once released. */
public enum EventType {

    ORDER_PLACED("OrderPlaced", OrderPlaced.class),
    ORDER_CANCELLED("OrderCancelled", OrderCancelled.class),
    ORDER_CONFIRMED("OrderConfirmed", OrderConfirmed.class),
    ORDER_REJECTED("OrderRejected", OrderRejected.class),
    STOCK_RESERVED("StockReserved", StockReserved.class),
    STOCK_REJECTED("StockRejected", StockRejected.class),
    STOCK_RELEASED("StockReleased", StockReleased.class);

    private static final Map<String, EventType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final Class<? extends Event> recordType;

    EventType(String wireName, Class<? extends Event> recordType) {
        this.wireName = wireName;
        this.recordType = recordType;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends Event> recordType() {
        return recordType;
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Optional.ofNullable(wireName).map(BY_WIRE_NAME::get);
    }

    public static EventType of(Event event) {
        for (EventType type : values()) {
            if (type.recordType == event.getClass()) {
                return type;
            }
        }
        throw new IllegalStateException("no wire name for " + event.getClass());
    }
}
