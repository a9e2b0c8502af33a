-- The W3C trace context (traceparent) of the record whose handling wrote the reply. The relay publishes later,
-- on its own thread, and puts it back on the Kafka record so the order's trace continues to order-service.
-- Nullable: rows written before this column existed, or outside any trace, simply start a new trace.
ALTER TABLE outbox_events ADD COLUMN traceparent varchar(128);
