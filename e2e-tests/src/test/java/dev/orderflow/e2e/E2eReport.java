package dev.orderflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evidence a person reads after a run: what each scenario did and what it counted, written to
 * {@code e2e-tests/target/e2e-report.md} (or the file {@link #writeTo} names). The file is rewritten after every scenario, so it is complete
 * up to the last one that ran even when a later one fails or the run is cut short.
 */
public final class E2eReport {

    private static final Logger log = LoggerFactory.getLogger(E2eReport.class);

    private static final List<String> NOTES = new ArrayList<>();
    private static final List<Scenario> SCENARIOS = new ArrayList<>();
    private static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static String fileName = "e2e-report.md";

    private E2eReport() {
    }

    /** Another file under {@code target/} for a suite that runs in a JVM of its own, so it does not overwrite this one. */
    public static synchronized void writeTo(String name) {
        fileName = name;
    }

    /** A line under the report's heading, e.g. what the suite ran against and what it did not run. */
    public static synchronized void note(String line) {
        if (NOTES.contains(line)) {
            return;
        }
        NOTES.add(line);
        write();
    }

    /** Starts the account of one scenario; {@link Scenario#passed()} or {@link Scenario#failed} ends it. */
    public static synchronized Scenario scenario(String title, String proves) {
        Scenario scenario = new Scenario(title, proves);
        SCENARIOS.add(scenario);
        log.info("=== {} — {}", title, proves);
        write();
        return scenario;
    }

    /** One scenario's steps, counts and result. */
    public static final class Scenario {

        private final String title;
        private final String proves;
        private final List<String> steps = new ArrayList<>();
        private final Map<String, Object> counts = new LinkedHashMap<>();
        private final long startedNanos = System.nanoTime();
        private String result = "running (did not finish)";

        private Scenario(String title, String proves) {
            this.title = title;
            this.proves = proves;
        }

        /** Something the scenario did, printed as it happens and listed in the report. */
        public Scenario step(String format, Object... arguments) {
            String step = format.formatted(arguments);
            log.info("  {}: {}", title, step);
            synchronized (E2eReport.class) {
                steps.add(step);
                write();
            }
            return this;
        }

        /** Something the scenario counted. */
        public Scenario count(String what, Object value) {
            log.info("  {}: {} = {}", title, what, value);
            synchronized (E2eReport.class) {
                counts.put(what, value);
                write();
            }
            return this;
        }

        public void passed() {
            finish("PASSED");
        }

        public void failed(Throwable failure) {
            String message = String.valueOf(failure.getMessage()).lines().findFirst().orElse("");
            finish("FAILED: " + failure.getClass().getSimpleName() + ": " + message);
        }

        private void finish(String outcome) {
            result = outcome + " in " + Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds() + " s";
            log.info("=== {}: {}", title, result);
            synchronized (E2eReport.class) {
                write();
            }
        }
    }

    private static void write() {
        StringBuilder report = new StringBuilder("# orderflow end-to-end fault suite\n\n");
        report.append("Run started ").append(STARTED).append(".\n\n");
        NOTES.forEach(note -> report.append("- ").append(note).append('\n'));
        for (Scenario scenario : SCENARIOS) {
            report.append("\n## ").append(scenario.title).append("\n\n");
            report.append("Proves: ").append(scenario.proves).append("\n\n");
            report.append("Result: **").append(scenario.result).append("**\n\n");
            scenario.steps.forEach(step -> report.append("1. ").append(step).append('\n'));
            if (!scenario.counts.isEmpty()) {
                report.append("\n| counted | value |\n| --- | --- |\n");
                scenario.counts.forEach((what, value) -> report.append("| ").append(what).append(" | ").append(value).append(" |\n"));
            }
        }
        Path file = ProjectLayout.current().outputDirectory().resolve(fileName);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
