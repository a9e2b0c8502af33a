-- The W3C trace context (traceparent) of the request or record that caused the event. The relay publishes
-- later, on its own thread, and puts it back on the Kafka record so the trace continues across the outbox.
-- Nullable: rows written before this column existed, or outside any trace, simply start a new trace.
ALTER TABLE outbox_events ADD COLUMN traceparent varchar(128);
