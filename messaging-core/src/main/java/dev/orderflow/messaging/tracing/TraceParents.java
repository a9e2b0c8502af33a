package dev.orderflow.messaging.tracing;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C {@code traceparent} of the work in progress (an HTTP request, or the Kafka record being handled). The
 * outbox stores it with each event because the relay publishes later, on its own thread, where that trace is no
 * longer current (ADR 4).
 */
public class TraceParents {

    public static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceParents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** {@code null} when no trace is in progress. */
    public String current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        // The propagator, not string formatting by hand: it writes exactly what goes on the wire elsewhere.
        Map<String, String> carrier = new HashMap<>(4);
        propagator.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }
}
