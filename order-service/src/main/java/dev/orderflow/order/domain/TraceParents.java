package dev.orderflow.order.domain;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The W3C {@code traceparent} of the work in progress (the HTTP request, or the Kafka record being handled).
 * The outbox stores it with each event because the relay publishes later, on its own thread, where the
 * request's trace is no longer current (ADR 4).
 */
@Component
class TraceParents {

    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    TraceParents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** {@code null} when no trace is in progress. */
    String current() {
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
