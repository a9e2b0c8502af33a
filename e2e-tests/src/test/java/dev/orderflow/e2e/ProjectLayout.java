package dev.orderflow.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the built system lives: the repository root (system property {@code orderflow.repository-root},
 * set by the build; the parent of the working directory otherwise), the service jars, the broker's
 * classpath, the embedded PostgreSQL's launcher, and this module's output folder for logs and data.
 */
public final class ProjectLayout {

    private static final String VERSION = "0.1.0-SNAPSHOT";

    private final Path root;

    private ProjectLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static ProjectLayout current() {
        String configured = System.getProperty("orderflow.repository-root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        return new ProjectLayout(root);
    }

    public Path root() {
        return root;
    }

    public Path jarOf(Service service) {
        return root.resolve(service.module()).resolve("target").resolve(service.module() + "-" + VERSION + ".jar");
    }

    public Path brokerLibraries() {
        return root.resolve("kafka-broker/target/lib");
    }

    public Path brokerLogConfiguration() {
        return root.resolve("kafka-broker/config/log4j2.properties");
    }

    /** {@code e2e-tests/target}: everything a test run writes goes below it, so {@code mvn clean} removes it. */
    public Path outputDirectory() {
        return root.resolve("e2e-tests/target");
    }

    public Path logDirectory() {
        return outputDirectory().resolve("e2e-logs");
    }

    /**
     * Fails with one message naming everything that is not built, so a run without the service jars stops at
     * once instead of timing out while waiting for processes that could never start.
     */
    public void requireBuilt() {
        List<String> missing = new ArrayList<>();
        for (Service service : Service.values()) {
            if (!Files.isRegularFile(jarOf(service))) {
                missing.add(jarOf(service).toString());
            }
        }
        if (!Files.isRegularFile(brokerLibraries().resolve("kafka_2.13-" + kafkaVersion() + ".jar"))) {
            missing.add(brokerLibraries() + "/kafka_2.13-" + kafkaVersion() + ".jar");
        }
        Path localPostgres = root.resolve("local-postgres/target/local-postgres-" + VERSION + ".jar");
        if (!Files.isRegularFile(localPostgres) || !Files.isDirectory(root.resolve("local-postgres/target/lib"))) {
            missing.add(localPostgres + " and local-postgres/target/lib");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The system is not built; missing " + String.join(", ", missing)
                    + ". Build it first from the repository root: ./mvnw -DskipTests package"
                    + " (./mvnw verify builds it before running these tests).");
        }
    }

    private static String kafkaVersion() {
        return org.apache.kafka.common.utils.AppInfoParser.getVersion();
    }
}
