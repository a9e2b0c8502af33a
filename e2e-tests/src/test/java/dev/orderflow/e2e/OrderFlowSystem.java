package dev.orderflow.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of orderflow as separate processes, the way it runs in production: a Kafka broker, fresh
 * uniquely named databases, and the four service jars on free ports, each process logging to
 * {@code e2e-tests/target/e2e-logs/<name>.log}. {@link #close()} stops everything it started and drops the
 * databases; it also runs when the JVM exits early, so an interrupted run leaves nothing behind.
 */
public final class OrderFlowSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrderFlowSystem.class);

    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(5);

    // C1 only and the serial collector: five JVMs share a small machine here, and a test run is dominated by
    // start-up, which these speed up; peak throughput does not matter.
    private static final List<String> SERVICE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m");

    private final ProjectLayout layout;
    private final PostgresServer postgres;
    private final String databasePrefix;
    private final List<String> createdDatabases = new ArrayList<>();
    private final Map<Service, List<ServiceInstance>> instances = new EnumMap<>(Service.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::close, "orderflow-e2e-shutdown");
    private KafkaBroker kafka;
    private boolean closed;

    private OrderFlowSystem(ProjectLayout layout, PostgresServer postgres) {
        this.layout = layout;
        this.postgres = postgres;
        this.databasePrefix = PostgresServer.uniquePrefix("e2e");
    }

    /** Starts the broker, then the three back-end services together, then the gateway; each one healthy before it returns. */
    public static OrderFlowSystem start() {
        ProjectLayout layout = ProjectLayout.current();
        layout.requireBuilt();
        OrderFlowSystem system = new OrderFlowSystem(layout, PostgresServer.fromEnvironment());
        Runtime.getRuntime().addShutdownHook(system.shutdownHook);
        try {
            system.startAll();
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    private void startAll() {
        long started = System.nanoTime();
        kafka = KafkaBroker.start(layout, layout.outputDirectory().resolve("e2e-kafka"), logFile("kafka"));
        log.info("Kafka is up at {} after {}", kafka.bootstrapServers(), since(started));
        for (Service service : List.of(Service.ORDER_SERVICE, Service.INVENTORY_SERVICE, Service.NOTIFICATION_SERVICE)) {
            String database = databasePrefix + service.database().orElseThrow();
            postgres.createDatabase(database);
            createdDatabases.add(database);
        }
        List<ServiceInstance> backEnd = List.of(
                launch(Service.ORDER_SERVICE, Service.ORDER_SERVICE.module()),
                launch(Service.INVENTORY_SERVICE, Service.INVENTORY_SERVICE.module()),
                launch(Service.NOTIFICATION_SERVICE, Service.NOTIFICATION_SERVICE.module()));
        backEnd.forEach(this::awaitHealthy);
        awaitHealthy(launch(Service.GATEWAY, Service.GATEWAY.module()));
        log.info("orderflow is up after {}; gateway at {}", since(started), gatewayUrl());
    }

    /**
     * Starts one more instance of {@code service} under {@code name} (its log file name) on a free port and
     * waits until it is healthy; the gateway is pointed at the first instance of each service.
     */
    public ServiceInstance startInstance(Service service, String name) {
        ServiceInstance instance = launch(service, name);
        awaitHealthy(instance);
        return instance;
    }

    private ServiceInstance launch(Service service, String name) {
        int port = FreePorts.next();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SERVICE_JVM_OPTIONS);
        command.addAll(List.of("-jar", layout.jarOf(service).toString()));
        ManagedProcess process = ManagedProcess.start(name, command, environmentOf(service, port), layout.root(), logFile(name));
        ServiceInstance instance = new ServiceInstance(service, process, port);
        instances.computeIfAbsent(service, any -> new ArrayList<>()).add(instance);
        return instance;
    }

    // The variables of docs/adr/0003, as an operator would set them.
    private Map<String, String> environmentOf(Service service, int port) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        service.database().ifPresent(database -> {
            environment.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl(databasePrefix + database));
            environment.put("SPRING_DATASOURCE_USERNAME", postgres.user());
            environment.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        });
        if (service == Service.GATEWAY) {
            environment.put("ORDER_SERVICE_URL", instance(Service.ORDER_SERVICE).baseUrl().toString());
            environment.put("INVENTORY_SERVICE_URL", instance(Service.INVENTORY_SERVICE).baseUrl().toString());
            environment.put("NOTIFICATION_SERVICE_URL", instance(Service.NOTIFICATION_SERVICE).baseUrl().toString());
        }
        return environment;
    }

    private void awaitHealthy(ServiceInstance instance) {
        long started = System.nanoTime();
        URI health = instance.baseUrl().resolve("/actuator/health");
        await(instance.process().name() + " healthy at " + health)
                .atMost(HEALTH_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    instance.process().requireAlive();
                    return isUp(health);
                });
        log.info("{} is up on port {} after {}", instance.process().name(), instance.port(), since(started));
    }

    private boolean isUp(URI health) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public URI gatewayUrl() {
        return instance(Service.GATEWAY).baseUrl();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** The first instance of {@code service}. */
    public ServiceInstance instance(Service service) {
        return instances(service).get(0);
    }

    public List<ServiceInstance> instances(Service service) {
        List<ServiceInstance> running = instances.getOrDefault(service, List.of());
        if (running.isEmpty()) {
            throw new IllegalStateException(service.module() + " has not been started");
        }
        return List.copyOf(running);
    }

    /** Stops the gateway, then the services, then the broker, and drops the databases; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownAlreadyUnderway) {
            // Called from the hook itself.
        }
        ManagedProcess.stopAll(processesOf(List.of(Service.GATEWAY)));
        ManagedProcess.stopAll(processesOf(List.of(Service.ORDER_SERVICE, Service.INVENTORY_SERVICE, Service.NOTIFICATION_SERVICE)));
        if (kafka != null) {
            kafka.close();
        }
        postgres.dropDatabases(createdDatabases);
    }

    private List<ManagedProcess> processesOf(List<Service> services) {
        return services.stream()
                .flatMap(service -> instances.getOrDefault(service, List.of()).stream())
                .map(ServiceInstance::process)
                .toList();
    }

    private Path logFile(String name) {
        return layout.logDirectory().resolve(name + ".log");
    }

    private static String since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() / 100 / 10.0 + " s";
    }
}
