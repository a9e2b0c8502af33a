package dev.orderflow.order.domain;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ids of the events this service has applied (ADR 2): one primary-key probe tells a redelivery apart. */
@Repository
class ProcessedEvents {

    private final JdbcClient jdbc;

    ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true the first time {@code eventId} is seen, false for a duplicate */
    boolean markProcessed(UUID eventId) {
        return jdbc.sql("INSERT INTO processed_events (event_id) VALUES (?) ON CONFLICT (event_id) DO NOTHING")
                .param(eventId)
                .update() == 1;
    }
}
