-- Reservations are read with SELECT ... FOR UPDATE before they change (ADR 7), so no optimistic version is needed.
ALTER TABLE order_reservations DROP COLUMN version;
