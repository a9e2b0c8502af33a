package dev.orderflow.inventory.messaging;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ProcessedEventRepository extends JpaRepository<ProcessedEvent, UUID> {

    /** Returns 1 the first time an event id is seen and 0 for a redelivery: one statement, no lookup first. */
    @Modifying
    @Query(value = "insert into processed_events (event_id, processed_at) values (:eventId, :now) on conflict do nothing",
            nativeQuery = true)
    int markProcessed(@Param("eventId") UUID eventId, @Param("now") Instant now);
}
