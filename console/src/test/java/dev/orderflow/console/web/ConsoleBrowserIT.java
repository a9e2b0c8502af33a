package dev.orderflow.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.console.ConsoleIntegrationTest;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.StockReserved;
import dev.orderflow.events.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Runs {@code src/test/browser/console.test.mjs} (playwright-core from npm, Debian's Chromium, no browser download)
 * against this console while orders flow: the test plays order-service, inventory-service (a live group member) and
 * notification-service. Screenshots go to {@code target/screenshots/}. Without node or Chromium it says so loudly and
 * is reported as skipped; {@code -Dconsole.browser.required=true} or {@code ORDERFLOW_BROWSER_TESTS=required} (as
 * {@code .ci/run} sets it) makes that a failure.
 */
class ConsoleBrowserIT extends ConsoleIntegrationTest {

    private static final Path BROWSER_DIR = Path.of(System.getProperty("console.browser.dir", "src/test/browser"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots.dir", "target/screenshots"));
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");

    @Test
    void thePageShowsTheLiveViewsAndTheyMoveInChromium() throws Exception {
        String missing = !runs("node", "--version") ? "node is not installed"
                : !runs("npm", "--version") ? "npm is not installed"
                : !new File(CHROMIUM).canExecute() ? CHROMIUM + " is missing (apt-get install chromium)" : null;
        if (missing != null) {
            String line = "!!!!! ConsoleBrowserIT DID NOT RUN: " + missing + " !!!!!";
            System.err.println(line);
            if (Boolean.getBoolean("console.browser.required") || "required".equals(System.getenv("ORDERFLOW_BROWSER_TESTS"))) {
                throw new AssertionError(line);
            }
            Assumptions.abort(line);
        }
        assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), Duration.ofMinutes(5),
                SCREENSHOTS.resolveSibling("npm-ci.log"))).as("npm ci").isZero();

        Traffic traffic = new Traffic();
        Thread flow = new Thread(traffic, "orders-for-the-browser");
        flow.start();
        try {
            int exit = run(List.of("node", "console.test.mjs"), Map.of(
                    "CONSOLE_URL", "http://localhost:" + port + "/console/",
                    "CHROMIUM", CHROMIUM,
                    "SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString()), Duration.ofMinutes(3),
                    SCREENSHOTS.resolveSibling("browser-test.log"));
            assertThat(exit).as("console.test.mjs (its output is above and in target/browser-test.log)").isZero();
        } finally {
            traffic.running = false;
            flow.join(10_000);
        }
        assertThat(SCREENSHOTS.resolve("console-1280x800.png")).exists();
        assertThat(SCREENSHOTS.resolve("console-phone.png")).exists();
    }

    /** An order every 300 ms, handled by all three groups; inventory-service is a live member, so it has an owner. */
    private static final class Traffic implements Runnable {

        volatile boolean running = true;

        @Override
        public void run() {
            Map<String, Object> props = KafkaTestUtils.consumerProps(brokers(), "inventory-service");
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "inventory-service-browser");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            try (KafkaConsumer<String, byte[]> inventory = new KafkaConsumer<>(props, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                inventory.subscribe(List.of(Topics.ORDER_EVENTS));
                int n = 0;
                while (running) {
                    UUID orderId = UUID.randomUUID();
                    String customer = "c-" + (n++ % 7 + 1);
                    List<OrderLine> lines = List.of(new OrderLine("SKU-001", 1));
                    RecordMetadata placed = publish(Topics.ORDER_EVENTS,
                            new OrderPlaced(UUID.randomUUID(), orderId, 1, Instant.now(), customer, lines));
                    inventory.poll(Duration.ofMillis(150));
                    inventory.commitSync();
                    commit("notification-service", placed);
                    RecordMetadata reserved = publish(Topics.INVENTORY_EVENTS,
                            new StockReserved(UUID.randomUUID(), orderId, 1, Instant.now(), lines));
                    commit("order-service", reserved);
                    RecordMetadata confirmed = publish(Topics.ORDER_EVENTS,
                            new OrderConfirmed(UUID.randomUUID(), orderId, 2, Instant.now(), customer));
                    inventory.poll(Duration.ofMillis(150));
                    inventory.commitSync();
                    commit("notification-service", confirmed);
                }
            } catch (Exception e) {
                if (running) {
                    throw new IllegalStateException("the browser test's traffic stopped", e);
                }
            }
        }
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs in the browser test's folder; its output goes to {@code log} and then to this test's output. */
    private static int run(List<String> command, Map<String, String> env, Duration timeout, Path log) throws Exception {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(BROWSER_DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        System.out.println(Files.readString(log));
        return finished ? process.exitValue() : -1;
    }
}
