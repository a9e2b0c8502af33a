package dev.orderflow.gateway;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.util.context.ContextView;

/**
 * Makes the request's observation current on this thread, so a log line written now carries its trace id in the
 * MDC. Done only around the gateway's own log lines: Reactor's automatic context propagation
 * ({@code spring.reactor.context-propagation: auto}) would do the same around every operator of every request,
 * which cost a fifth of the gateway's CPU per request (docs/benchmark.md).
 */
final class RequestObservation {

    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private RequestObservation() {
    }

    /** The request's observation is in the Reactor context that Spring's WebFlux handler wrote for the exchange. */
    static ContextSnapshot.Scope restoreFrom(ContextView context) {
        return SNAPSHOTS.setThreadLocalsFrom(context, ObservationThreadLocalAccessor.KEY);
    }
}
