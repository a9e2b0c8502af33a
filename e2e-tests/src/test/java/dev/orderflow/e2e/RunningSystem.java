package dev.orderflow.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one {@link OrderFlowSystem} for the whole test run ({@code @ExtendWith(RunningSystem.class)},
 * then an {@code OrderFlowSystem} parameter): started by the first class that asks, stopped when the run
 * ends, so the system's start-up is paid once.
 *
 * <p>The system runs as separate processes on this machine; {@code compose.ComposeEndToEndIT} drives the same
 * system under {@code docker compose}.
 */
public final class RunningSystem implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == OrderFlowSystem.class;
    }

    /** Why the system could not start, so later test classes fail at once instead of trying for minutes again. */
    private static volatile RuntimeException startFailure;

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        if (startFailure != null) {
            throw new IllegalStateException("orderflow did not start for an earlier test class", startFailure);
        }
        try {
            return extension.getRoot().getStore(ExtensionContext.Namespace.create(RunningSystem.class))
                    .computeIfAbsent(OrderFlowSystem.class, key -> startSystem(), OrderFlowSystem.class);
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private static OrderFlowSystem startSystem() {
        E2eReport.note("Target: separate processes on this machine (3 Kafka nodes, order-service, 2 x inventory-service,"
                + " 2 x notification-service, gateway), configured from docker-compose.yml. The docker compose suite"
                + " (ComposeEndToEndIT) runs in a JVM of its own and writes target/e2e-compose-report.md.");
        return OrderFlowSystem.start();
    }
}
