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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole of orderflow as separate processes, the way it runs in production: a three-node Kafka cluster,
 * fresh uniquely named databases, and the service jars on free ports — one order-service, two instances of
 * inventory-service and of notification-service, the auth server, one gateway — each configured from its
 * {@code environment:} in docker-compose.yml and logging to {@code e2e-tests/target/e2e-logs/<name>.log}.
 * {@link #close()} stops everything it started and drops the databases; it also runs when the JVM exits
 * early, so an interrupted run leaves nothing behind.
 */
public final class OrderFlowSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrderFlowSystem.class);

    // Generous: on a busy 2-core machine six Spring Boot JVMs starting at once can take minutes.
    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(5);
    private static final int KAFKA_NODES = 3;

    /** How many copies of each service the system runs: two of each consumer, so one can die while its group goes on. */
    private static final Map<Service, Integer> INSTANCES = new EnumMap<>(Map.of(
            Service.ORDER_SERVICE, 1, Service.INVENTORY_SERVICE, 2, Service.NOTIFICATION_SERVICE, 2, Service.GATEWAY, 1,
            Service.AUTH_SERVER, 1));

    // Six service JVMs and three brokers share a small machine here. The serial collector and small thread
    // stacks keep each JVM's footprint and start-up down; the JIT is left alone (no TieredStopAtLevel=1),
    // so the code under test is compiled as in production.
    private static final List<String> SERVICE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xss512k", "-Xmx384m");

    /** {@code host:port} in a compose value, e.g. {@code kafka-2:9092} or {@code http://order-service:8081}. */
    private static final Pattern COMPOSE_ADDRESS = Pattern.compile("\\b([a-z][a-z0-9-]*):(\\d+)\\b");
    private static final Pattern COMPOSE_KAFKA_NODE = Pattern.compile("kafka-(\\d+)");
    private static final Pattern COMPOSE_JDBC_URL = Pattern.compile("jdbc:postgresql://postgres:\\d+/([A-Za-z0-9_]+)");

    private final ProjectLayout layout;
    private final PostgresServer postgres;
    private final ComposeFile compose;
    private final String databasePrefix;
    private final List<String> createdDatabases = new ArrayList<>();
    private final Map<Service, List<ServiceInstance>> instances = new EnumMap<>(Service.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread shutdownHook = new Thread(this::close, "orderflow-e2e-shutdown");
    private KafkaCluster kafka;
    private boolean closed;

    private OrderFlowSystem(ProjectLayout layout, PostgresServer postgres) {
        this.layout = layout;
        this.postgres = postgres;
        this.compose = ComposeFile.read(layout.root().resolve("docker-compose.yml"));
        this.databasePrefix = PostgresServer.uniquePrefix("e2e");
    }

    /** Starts the Kafka nodes, then the back-end services together, then the gateway; each one healthy before it returns. */
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
        kafka = KafkaCluster.start(layout, KAFKA_NODES, layout.outputDirectory().resolve("e2e-kafka"),
                nodeId -> logFile("kafka-" + nodeId));
        log.info("Kafka cluster of {} nodes is up at {} after {}", KAFKA_NODES, kafka.bootstrapServers(), since(started));
        for (Service service : List.of(Service.ORDER_SERVICE, Service.INVENTORY_SERVICE, Service.NOTIFICATION_SERVICE)) {
            String database = databaseOf(service);
            postgres.createDatabase(database);
            createdDatabases.add(database);
        }
        List<ServiceInstance> backEnd = new ArrayList<>();
        for (Service service : List.of(Service.ORDER_SERVICE, Service.INVENTORY_SERVICE, Service.NOTIFICATION_SERVICE)) {
            for (int copy = 1; copy <= INSTANCES.get(service); copy++) {
                backEnd.add(launch(service, FreePorts.next(), false));
            }
        }
        backEnd.add(launch(Service.AUTH_SERVER, FreePorts.next(), false));
        backEnd.forEach(this::awaitHealthy);
        awaitHealthy(launch(Service.GATEWAY, FreePorts.next(), false));
        log.info("orderflow is up after {}; gateway at {}", since(started), gatewayUrl());
    }

    /** Starts one more instance of {@code service} on a free port and waits until it is healthy. */
    public ServiceInstance startInstance(Service service) {
        ServiceInstance instance = launch(service, FreePorts.next(), false);
        awaitHealthy(instance);
        return instance;
    }

    /**
     * Starts a stopped or killed instance again on its port, writing on at the end of its log, and waits until
     * it is healthy; the returned instance replaces it in {@link #instances(Service)}.
     */
    public ServiceInstance restart(ServiceInstance stopped) {
        if (stopped.process().isAlive()) {
            throw new IllegalStateException(stopped.name() + " is still running");
        }
        List<ServiceInstance> copies = instances.get(stopped.service());
        ServiceInstance restarted = launch(stopped.service(), stopped.port(), true, stopped.name());
        copies.remove(restarted);
        copies.set(copies.indexOf(stopped), restarted);
        awaitHealthy(restarted);
        return restarted;
    }

    private ServiceInstance launch(Service service, int port, boolean appendToLog) {
        int copy = instances.getOrDefault(service, List.of()).size() + 1;
        return launch(service, port, appendToLog, service.module() + "-" + copy);
    }

    private ServiceInstance launch(Service service, int port, boolean appendToLog, String name) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SERVICE_JVM_OPTIONS);
        command.addAll(List.of("-jar", layout.jarOf(service).toString()));
        ManagedProcess process = ManagedProcess.start(name, command, environmentOf(service, port), layout.root(),
                logFile(name), appendToLog);
        ServiceInstance instance = new ServiceInstance(service, process, port);
        instances.computeIfAbsent(service, any -> new ArrayList<>()).add(instance);
        return instance;
    }

    /**
     * The service's {@code environment:} from docker-compose.yml, with the addresses inside Docker's network
     * translated to this machine: {@code kafka-N:9092} is the N-th Kafka node, {@code postgres:5432/<db>} a
     * fresh database of that name with this run's prefix, {@code <service>:<port>} that service's first
     * instance, {@code SERVER_PORT} the instance's free port ({@code MANAGEMENT_SERVER_PORT} is left out). A variable pointing at a compose service this
     * suite does not run (say a trace collector of another profile) is left out, as the service then falls
     * back to its default.
     */
    private Map<String, String> environmentOf(Service service, int port) {
        Map<String, String> environment = new LinkedHashMap<>();
        compose.environment(service.module()).forEach((variable, value) -> {
            switch (variable) {
                case "SERVER_PORT" -> environment.put(variable, Integer.toString(port));
                // The issuer the tokens name and the gateway expects: the auth server as this machine reaches it.
                case "ORDERFLOW_AUTH_ISSUER" -> environment.put(variable, "http://localhost:"
                        + (service == Service.AUTH_SERVER ? port : instance(Service.AUTH_SERVER).port()));
                // Actuator stays on the instance's own port, where the suite checks its health.
                case "MANAGEMENT_SERVER_PORT" -> log.info("{}: {}={} is not set here", service.module(), variable, value);
                case "SPRING_DATASOURCE_USERNAME" -> environment.put(variable, postgres.user());
                case "SPRING_DATASOURCE_PASSWORD" -> environment.put(variable, postgres.password());
                case "SPRING_DATASOURCE_URL" -> environment.put(variable, localJdbcUrl(value));
                default -> translateAddresses(value).ifPresentOrElse(local -> environment.put(variable, local),
                        () -> log.info("{}: {}={} is not set here: it names a compose service this suite does not start",
                                service.module(), variable, value));
            }
        });
        if (service.database().isPresent()) {
            // The one setting that is not from docker-compose.yml: there PostgreSQL is the system's own, here it is
            // shared with every other test run on the machine (max_connections 100 by default). Five instances
            // with Hikari's default of 10 connections each would take half of it; this takes a third.
            environment.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "6");
        }
        return environment;
    }

    private String localJdbcUrl(String composeUrl) {
        Matcher url = COMPOSE_JDBC_URL.matcher(composeUrl);
        if (!url.matches()) {
            throw new IllegalStateException("docker-compose.yml: a datasource URL the suite cannot map: " + composeUrl);
        }
        return postgres.jdbcUrl(databasePrefix + url.group(1));
    }

    private Optional<String> translateAddresses(String value) {
        Matcher address = COMPOSE_ADDRESS.matcher(value);
        StringBuilder local = new StringBuilder();
        while (address.find()) {
            String host = address.group(1);
            Matcher kafkaNode = COMPOSE_KAFKA_NODE.matcher(host);
            String replacement;
            if (kafkaNode.matches()) {
                replacement = kafka.broker(Integer.parseInt(kafkaNode.group(1))).address();
            } else if (Stream.of(Service.values()).anyMatch(service -> service.module().equals(host))) {
                Service target = Stream.of(Service.values()).filter(service -> service.module().equals(host)).findFirst().orElseThrow();
                replacement = "127.0.0.1:" + instance(target).port();
            } else if (compose.serviceNames().contains(host)) {
                return Optional.empty();
            } else {
                replacement = address.group();
            }
            address.appendReplacement(local, Matcher.quoteReplacement(replacement));
        }
        address.appendTail(local);
        return Optional.of(local.toString());
    }

    private void awaitHealthy(ServiceInstance instance) {
        long started = System.nanoTime();
        URI health = instance.baseUrl().resolve("/actuator/health");
        await(instance.name() + " healthy at " + health)
                .atMost(HEALTH_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    instance.process().requireAlive();
                    return isUp(health);
                });
        log.info("{} is up on port {} after {}", instance.name(), instance.port(), since(started));
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

    /** {@code http://localhost:<port>/}: the host name the issuer of the tokens names. */
    public URI authServerUrl() {
        return URI.create("http://localhost:" + instance(Service.AUTH_SERVER).port() + "/");
    }

    /** The gateway, called with a token of the {@code load-test} client. */
    public GatewayClient gateway() {
        return new GatewayClient(gatewayUrl(), AccessTokens.loadTest(authServerUrl()));
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** The name of the database {@code service} uses in this run, e.g. {@code e2e_1a2b3c4d_inventory}. */
    public String databaseOf(Service service) {
        return databasePrefix + service.database().orElseThrow(() -> new IllegalArgumentException(service.module() + " has no database"));
    }

    /** The first instance of {@code service}: the one the gateway sends its requests to. */
    public ServiceInstance instance(Service service) {
        return instances(service).get(0);
    }

    /** Every instance of {@code service} started so far, running or not, in the order they were first started. */
    public List<ServiceInstance> instances(Service service) {
        List<ServiceInstance> started = instances.getOrDefault(service, List.of());
        if (started.isEmpty()) {
            throw new IllegalStateException(service.module() + " has not been started");
        }
        return List.copyOf(started);
    }

    /** The processes of every instance of the given services, running or ended, e.g. to read all their logs. */
    public List<ManagedProcess> processesOf(Set<Service> services) {
        return services.stream().sorted()
                .flatMap(service -> instances.getOrDefault(service, List.of()).stream())
                .map(ServiceInstance::process)
                .toList();
    }

    /** Every line each consumer instance (order-, inventory- and notification-service) logged, running or ended. */
    public List<String> consumerLogLines() {
        return processesOf(Set.of(Service.ORDER_SERVICE, Service.INVENTORY_SERVICE, Service.NOTIFICATION_SERVICE)).stream()
                .flatMap(process -> process.logLines().stream())
                .toList();
    }

    /** Stops the gateway, then the services and the auth server, then the Kafka nodes, and drops the databases; safe to call twice. */
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
        ManagedProcess.stopAll(processesOf(Set.of(Service.GATEWAY)));
        // Every other application, whatever this suite starts now or later.
        ManagedProcess.stopAll(processesOf(EnumSet.complementOf(EnumSet.of(Service.GATEWAY))));
        if (kafka != null) {
            kafka.close();
        }
        postgres.dropDatabases(createdDatabases);
    }

    private Path logFile(String name) {
        return layout.logDirectory().resolve(name + ".log");
    }

    private static String since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() / 100 / 10.0 + " s";
    }
}
