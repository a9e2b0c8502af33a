package dev.orderflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An operating-system process started by the tests, its standard output and error written to one log file.
 * {@link #stop()} asks it to shut down (SIGTERM) and {@link #kill()} ends it at once (SIGKILL), which is what
 * a crash looks like to the rest of the system.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Duration GRACEFUL_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} in {@code workingDirectory} with the test JVM's environment, minus any Spring or
     * orderflow settings it may carry, plus {@code environment}; output goes to {@code logFile}, replacing it.
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile) {
        return start(name, command, environment, workingDirectory, logFile, false);
    }

    /**
     * Like {@link #start(String, List, Map, Path, Path)}, but a restarted process can keep writing to the end of
     * its earlier log ({@code appendToLog}), so one file tells the whole story of a crash and a comeback.
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path logFile, boolean appendToLog) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(appendToLog ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                            : ProcessBuilder.Redirect.to(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            // The process must see exactly the configuration the test gives it, whatever the developer's shell exports.
            builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("ORDERFLOW_")
                    || key.equals("SERVER_PORT") || key.endsWith("_SERVICE_URL"));
            builder.environment().putAll(environment);
            return new ManagedProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** The processes this one has started (children, grandchildren…), as they are now. */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status; only meaningful once the process has ended. */
    public int exitValue() {
        return process.exitValue();
    }

    public Path logFile() {
        return logFile;
    }

    /** Everything the process has written so far. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the log of " + name + " at " + logFile, e);
        }
    }

    public List<String> logLines() {
        return log().lines().toList();
    }

    /** The last lines of the log, for failure messages. */
    public String logTail(int lines) {
        List<String> all = logLines();
        return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Fails with the end of the log when the process has already ended, e.g. while it should be starting. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; the end of "
                    + logFile + ":" + System.lineSeparator() + logTail(40));
        }
    }

    /** SIGTERM, then waits for the process to end; SIGKILL if it has not ended within 30 s. */
    public void stop() {
        stop(GRACEFUL_STOP_TIMEOUT);
    }

    /** SIGTERM, then waits for the process to end; SIGKILL if it has not ended within {@code timeout}. */
    public void stop(Duration timeout) {
        process.destroy();
        awaitExit(timeout);
    }

    /** Stops several processes at once: SIGTERM to each, then waits for all of them (SIGKILL after 30 s). */
    public static void stopAll(List<ManagedProcess> processes) {
        processes.stream().filter(ManagedProcess::isAlive).forEach(managed -> managed.process.destroy());
        processes.forEach(managed -> managed.awaitExit(GRACEFUL_STOP_TIMEOUT));
    }

    /** SIGKILL: no shutdown hooks, no goodbye to Kafka or PostgreSQL. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(GRACEFUL_STOP_TIMEOUT);
    }

    /**
     * SIGSTOP: the process is frozen with its sockets open, as a machine cut off from the network would be;
     * whatever its peers send waits in the kernel until {@link #resume()}.
     */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        signal("CONT");
    }

    // ProcessHandle offers only SIGTERM and SIGKILL, hence the kill command for the other signals.
    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " (" + name + ") failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -" + signal + " for " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + name, e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    /** Waits for the process to end by itself; SIGKILL if it has not ended within {@code timeout}. */
    public void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
