package dev.orderflow.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives test classes one {@link OrderFlowSystem} for the whole test run ({@code @ExtendWith(RunningSystem.class)},
 * then an {@code OrderFlowSystem} parameter): started by the first class that asks, stopped when the run
 * ends, so the system's start-up is paid once.
 *
 * <p>The suite runs against separate processes on this machine. {@code -De2e.target=compose} asks for
 * {@code docker compose up} instead; that target is not implemented here yet, and without a Docker daemon
 * it could not run anyway. Either way the report says, in one line, what ran and what did not, and why.
 */
public final class RunningSystem implements ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(RunningSystem.class);

    public static final String TARGET_PROPERTY = "e2e.target";

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
        String target = System.getProperty(TARGET_PROPERTY, "processes");
        String docker = dockerAvailability();
        switch (target) {
            case "processes" -> E2eReport.note("Target: separate processes on this machine (3 Kafka nodes, order-service,"
                    + " 2 x inventory-service, 2 x notification-service, gateway), configured from docker-compose.yml.");
            case "compose" -> {
                if (docker.startsWith("available")) {
                    throw new IllegalStateException("-De2e.target=compose: running the suite against docker compose is"
                            + " not implemented yet; run without the flag for the process target");
                }
                log.warn("NOT RUN against docker compose: {}. Running against separate processes instead.", docker);
                E2eReport.note("Target: separate processes on this machine, because -De2e.target=compose was asked for"
                        + " but Docker is not usable here (" + docker + ").");
            }
            default -> throw new IllegalArgumentException("-D" + TARGET_PROPERTY + "=" + target
                    + ": expected 'processes' (the default) or 'compose'");
        }
        if (!target.equals("compose")) {
            String reason = "not requested (-D" + TARGET_PROPERTY + "=compose)" + "; Docker here: " + docker;
            log.warn("NOT RUN against docker compose: {}", reason);
            E2eReport.note("docker compose target: NOT RUN — " + reason + ".");
        }
        return OrderFlowSystem.start();
    }

    /** "available", or "not available: <why>", from {@code docker info}. */
    private static String dockerAvailability() {
        try {
            Process docker = new ProcessBuilder(List.of("docker", "info", "--format", "{{.ServerVersion}}"))
                    .redirectErrorStream(true).start();
            if (!docker.waitFor(20, TimeUnit.SECONDS)) {
                docker.destroyForcibly();
                return "not available: 'docker info' did not answer within 20 s";
            }
            String output = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            String firstLine = output.lines().findFirst().orElse("");
            return docker.exitValue() == 0 ? "available (server " + firstLine + ")"
                    : "not available: 'docker info' says " + firstLine;
        } catch (IOException e) {
            return "not available: no docker command (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not available: interrupted while asking docker";
        }
    }
}
