package dev.orderflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a tool to its end, its output kept in a log file beside the report. */
final class ExternalCommand {

    private ExternalCommand() {
    }

    /** The tool's output (stdout and stderr together); fails when it exits non-zero or runs past the timeout. */
    static String run(List<String> command, Map<String, String> environment, Duration timeout, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IOException(command.get(0) + " did not finish within " + Durations.format(timeout) + "; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(command.get(0) + " exited with status " + process.exitValue() + "; see " + log);
        }
        return output;
    }

    /** {@code $JAVA_HOME/bin/java} when JAVA_HOME is set, else the java on PATH: the one run-local.sh starts the services with. */
    static String java() {
        String javaHome = System.getenv("JAVA_HOME");
        return javaHome == null || javaHome.isBlank() ? "java" : Path.of(javaHome, "bin", "java").toString();
    }
}
