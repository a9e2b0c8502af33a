CREATE TABLE notifications (
    notification_id uuid         PRIMARY KEY,
    -- Unique: the notification doubles as the record that its event was processed (ADR 2).
    event_id        uuid         NOT NULL UNIQUE,
    order_id        uuid         NOT NULL,
    customer_id     varchar(64)  NOT NULL,
    event_type      varchar(32)  NOT NULL,
    sequence        bigint       NOT NULL,
    message         text         NOT NULL,
    created_at      timestamptz  NOT NULL
);

-- Serves both the per-order history (sorted by sequence) and the highest-sequence lookup of the order check.
CREATE INDEX notifications_order_id_sequence_idx ON notifications (order_id, sequence);
