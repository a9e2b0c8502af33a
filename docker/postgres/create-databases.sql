-- One database per service; each service's Flyway scripts create its tables (ADR 3).
-- Runs once, when the PostgreSQL container starts with an empty data directory.
CREATE DATABASE orders;
CREATE DATABASE inventory;
CREATE DATABASE notifications;
