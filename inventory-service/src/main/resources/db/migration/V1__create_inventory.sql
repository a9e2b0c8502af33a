CREATE TABLE stock_items (
    -- Byte order ("C"): listings sort the same everywhere, and lock order is plain code-point order.
    sku        varchar(64) COLLATE "C" PRIMARY KEY,
    available  integer     NOT NULL CHECK (available >= 0),
    reserved   integer     NOT NULL CHECK (reserved >= 0),
    updated_at timestamptz NOT NULL
);

-- What inventory knows of one order: the stock it holds and how far its event streams have come.
CREATE TABLE order_reservations (
    order_id            uuid        PRIMARY KEY,
    status              varchar(16) NOT NULL CHECK (status IN ('NONE', 'HELD', 'REJECTED', 'RELEASED')),
    last_order_sequence bigint      NOT NULL CHECK (last_order_sequence >= 0),
    last_reply_sequence bigint      NOT NULL CHECK (last_reply_sequence >= 0),
    version             bigint      NOT NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

-- The lines an order was granted; they stay after a release as the record of what was given back.
CREATE TABLE order_reservation_lines (
    order_id uuid        NOT NULL REFERENCES order_reservations (order_id),
    sku      varchar(64) COLLATE "C" NOT NULL REFERENCES stock_items (sku),
    quantity integer     NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku)
);

CREATE TABLE processed_events (
    event_id     uuid        PRIMARY KEY,
    processed_at timestamptz NOT NULL
);

CREATE TABLE outbox_events (
    id           bigserial    PRIMARY KEY,
    event_id     uuid         NOT NULL UNIQUE,
    aggregate_id uuid         NOT NULL,
    topic        varchar(255) NOT NULL,
    event_type   varchar(64)  NOT NULL,
    payload      text         NOT NULL,
    created_at   timestamptz  NOT NULL
);
