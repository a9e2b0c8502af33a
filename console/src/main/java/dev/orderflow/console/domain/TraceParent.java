package dev.orderflow.console.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the trace id out of a W3C {@code traceparent} header: {@code 00-<32 hex trace id>-<16 hex span id>-<flags>}. */
public final class TraceParent {

    private static final Pattern FORMAT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");
    private static final String INVALID = "0".repeat(32);

    private TraceParent() {
    }

    /** The trace id, or null when the header is missing or malformed. */
    public static String traceId(String header) {
        if (header == null) {
            return null;
        }
        Matcher matcher = FORMAT.matcher(header.trim());
        if (!matcher.matches() || matcher.group(1).equals(INVALID)) {
            return null;
        }
        return matcher.group(1);
    }

    /** The trace backend's link for a trace id, or null when no template is configured. */
    public static String link(String template, String traceId) {
        if (template == null || template.isBlank() || traceId == null) {
            return null;
        }
        return template.replace("{traceId}", traceId);
    }
}
