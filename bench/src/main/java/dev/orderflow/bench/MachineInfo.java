package dev.orderflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Where the numbers were taken: they mean little on another machine or JVM. */
record MachineInfo(int cores, String cpu, String memory, String os, String benchJvm, String servicesJvm) {

    static MachineInfo describe() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                lineValue(Path.of("/proc/cpuinfo"), "model name", ':').orElse(System.getProperty("os.arch")),
                lineValue(Path.of("/proc/meminfo"), "MemTotal", ':').map(MachineInfo::gibibytes).orElse("unknown"),
                lineValue(Path.of("/etc/os-release"), "PRETTY_NAME", '=').map(name -> name.replace("\"", "")).orElse("")
                        + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + ")",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vendor") + ")",
                javaVersionOfTheServices());
    }

    /** The first line of {@code java -version} for the java that run-local.sh starts the services with. */
    private static String javaVersionOfTheServices() {
        try {
            Process process = new ProcessBuilder(List.of(ExternalCommand.java(), "-version")).redirectErrorStream(true).start();
            List<String> lines;
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines = output.lines().toList();
            }
            process.waitFor(30, TimeUnit.SECONDS);
            return String.join("; ", lines.subList(0, Math.min(2, lines.size())));
        } catch (IOException | InterruptedException unknown) {
            return "unknown (" + unknown.getMessage() + ")";
        }
    }

    private static Optional<String> lineValue(Path file, String key, char separator) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(separator) + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String gibibytes(String memTotal) {
        long kibibytes = Long.parseLong(memTotal.replaceAll("\\D", ""));
        return String.format("%.1f GiB", kibibytes / 1024.0 / 1024.0);
    }
}
