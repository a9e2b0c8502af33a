CREATE TABLE orders (
    order_id                  uuid        PRIMARY KEY,
    customer_id               varchar(64) NOT NULL,
    status                    varchar(16) NOT NULL,
    rejection_reason          text,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    -- sequence of the last event this order published on order-events
    last_order_event_sequence bigint      NOT NULL,
    -- sequence of the last inventory-events record applied to this order (0 = none yet)
    last_inventory_event_sequence bigint  NOT NULL DEFAULT 0,
    CONSTRAINT orders_status_check CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'))
);

-- The list endpoint filters by customer and/or status and shows the newest first.
CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at DESC);
CREATE INDEX orders_status_created_idx ON orders (status, created_at DESC);
CREATE INDEX orders_created_idx ON orders (created_at DESC);

CREATE TABLE order_lines (
    order_id uuid        NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
    line_no  integer     NOT NULL,
    sku      varchar(64) NOT NULL,
    quantity integer     NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    PRIMARY KEY (order_id, line_no),
    UNIQUE (order_id, sku)
);

CREATE TABLE idempotency_keys (
    idempotency_key     varchar(128) PRIMARY KEY,
    request_fingerprint varchar(64)  NOT NULL,
    -- deferred: the key is claimed before the order row is written, in the same transaction
    order_id            uuid         NOT NULL REFERENCES orders (order_id) DEFERRABLE INITIALLY DEFERRED,
    created_at          timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE processed_events (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbox_events (
    id           bigserial   PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    aggregate_id uuid        NOT NULL,
    topic        varchar(249) NOT NULL,
    event_type   varchar(64) NOT NULL,
    -- text, not jsonb: the relay must send the exact bytes the contract module wrote
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
