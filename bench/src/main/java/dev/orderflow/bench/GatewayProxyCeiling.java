package dev.orderflow.bench;

import dev.orderflow.bench.OrderMix.Line;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A second gateway, built and configured like the system's, in front of a backend that answers at once: how many
 * order POSTs the gateway alone passes on this machine, driven by the same client and closed loop as the system.
 */
final class GatewayProxyCeiling {

    private static final String PART = "Gateway proxying";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

    private GatewayProxyCeiling() {
    }

    /** The second gateway checks the same tokens as the system's, from the same auth server: the same work per request. */
    static Ceiling measure(BenchSettings.CeilingSettings settings, Path projectDir, String authServerUrl, String accessToken,
            Path reportDir, ExecutorService executor) {
        String measured = "a second gateway in front of a trivial 202 endpoint, POST /api/orders, closed loop of "
                + settings.gatewayWorkers() + " workers";
        Process gateway = null;
        try (TrivialBackend backend = new TrivialBackend()) {
            int port = freePort();
            gateway = start(projectDir, port, backend.port(), authServerUrl, reportDir.resolve("ceiling-gateway.log"));
            String url = "http://127.0.0.1:" + port;
            awaitHealthy(url, gateway);
            GatewayClient client = new GatewayClient(url, accessToken, executor);
            ClosedLoop loop = new ClosedLoop(executor);
            drive(loop, client, settings.gatewayWorkers(), settings.gatewayWarmUp());
            Measurement measurement = drive(loop, client, settings.gatewayWorkers(), settings.gateway());
            return new Ceiling(PART, measured, measurement.perSecond(), "requests/s",
                    String.format("p99 %.1f ms, %d failed", measurement.latency().p99(), measurement.failed()));
        } catch (Exception failure) {
            return Ceiling.failed(PART, measured, failure.getMessage());
        } finally {
            stop(gateway);
        }
    }

    private record Measurement(double perSecond, LatencySummary latency, long failed) {
    }

    private static Measurement drive(ClosedLoop loop, GatewayClient client, int workers, Duration duration) {
        Histogram latency = new ConcurrentHistogram(LatencySummary.HIGHEST_MICROS, 3);
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        List<Line> lines = List.of(new Line("BENCH-SKU-01", 2), new Line("BENCH-SKU-07", 1));
        long start = System.nanoTime();
        loop.run(workers, duration, () -> {
            long sent = System.nanoTime();
            return client.placeOrder("bench-ceiling", lines).handle((response, failure) -> {
                if (failure == null && response.statusCode() == 202) {
                    ok.increment();
                    LatencySummary.record(latency, (System.nanoTime() - sent) / 1000);
                } else {
                    failed.increment();
                }
                return null;
            });
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Measurement(ok.sum() / seconds, LatencySummary.of(latency), failed.sum());
    }

    private static Process start(Path projectDir, int port, int backendPort, String authServerUrl, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ExternalCommand.java());
        String javaOptions = System.getenv("ORDERFLOW_JAVA_OPTS");
        if (javaOptions != null && !javaOptions.isBlank()) {
            command.addAll(List.of(javaOptions.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", gatewayJar(projectDir).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("ORDER_SERVICE_URL", "http://127.0.0.1:" + backendPort);
        builder.environment().put("ORDERFLOW_AUTH_ISSUER", authServerUrl.replaceAll("/+$", ""));
        return builder.start();
    }

    private static Path gatewayJar(Path projectDir) throws IOException {
        try (Stream<Path> jars = Files.list(projectDir.resolve("gateway/target"))) {
            return jars.filter(jar -> jar.getFileName().toString().matches("gateway-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no gateway jar in " + projectDir.resolve("gateway/target")));
        }
    }

    private static void awaitHealthy(String url, Process gateway) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url + "/actuator/health")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IOException("the second gateway exited with status " + gateway.exitValue() + "; see ceiling-gateway.log");
            }
            try {
                if (http.send(health, BodyHandlers.ofString()).body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IOException("the second gateway was not healthy within " + Durations.format(STARTUP_TIMEOUT));
    }

    /** SIGTERM first, as run-local.sh does: a Spring Boot application shuts down cleanly on it. */
    private static void stop(Process gateway) {
        if (gateway == null) {
            return;
        }
        gateway.destroy();
        try {
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly().waitFor();
            }
        } catch (InterruptedException interrupted) {
            gateway.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
