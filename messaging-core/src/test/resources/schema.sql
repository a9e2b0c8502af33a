-- The tables the core needs in a service's database (each service's Flyway creates its own), and the test domain's.
CREATE TABLE IF NOT EXISTS outbox_events (
    id           bigserial    PRIMARY KEY,
    event_id     uuid         NOT NULL UNIQUE,
    aggregate_id uuid         NOT NULL,
    topic        varchar(249) NOT NULL,
    event_type   varchar(64)  NOT NULL,
    payload      text         NOT NULL,
    created_at   timestamptz  NOT NULL,
    traceparent  varchar(128)
);
CREATE TABLE IF NOT EXISTS processed_events (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS applied_events (
    event_id     uuid        NOT NULL,
    order_id     uuid        NOT NULL,
    sequence     bigint      NOT NULL,
    applied_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    txid         bigint      NOT NULL DEFAULT txid_current()
);
