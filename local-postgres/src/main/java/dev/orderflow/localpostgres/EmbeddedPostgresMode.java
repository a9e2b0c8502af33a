package dev.orderflow.localpostgres;

import java.util.Locale;

/** When an embedded PostgreSQL takes the place of the configured one: {@code ORDERFLOW_EMBEDDED_POSTGRES}. */
public enum EmbeddedPostgresMode {

    /** The configured server when one answers there, an embedded one otherwise (the default). */
    AUTO,
    /** Always an embedded server, whatever answers at the configured address. */
    ALWAYS,
    /** Never: the configured server or an error. */
    NEVER;

    public static final String VARIABLE = "ORDERFLOW_EMBEDDED_POSTGRES";

    /** {@code auto}, {@code always} or {@code never}; unset or blank is {@code auto}. */
    public static EmbeddedPostgresMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + "=" + value + ": use auto, always or never", e);
        }
    }

    /** Whether to start an embedded server, given whether the configured one answers (asked only in {@link #AUTO}). */
    public boolean startsEmbedded(boolean configuredAnswers) {
        return this == ALWAYS || this == AUTO && !configuredAnswers;
    }
}
