package dev.orderflow.e2e.compose;

import static dev.orderflow.e2e.YamlFiles.list;
import static dev.orderflow.e2e.YamlFiles.map;
import static dev.orderflow.e2e.YamlFiles.readString;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.e2e.YamlFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@code docker-compose.yml} against the rest of the repository without running Docker: the ports of
 * the contract, health checks behind every {@code depends_on}, environment variables the applications
 * actually read, and Dockerfiles that build in two stages and run as a user other than root.
 */
class DockerComposeFileTests {

    /** Surefire runs in the module's folder; the compose file is at the repository root. */
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    private static final List<String> APPLICATIONS =
            List.of("order-service", "inventory-service", "notification-service", "gateway", "auth-server");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)");

    private static final Pattern CONTRACT_PORT_ROW = Pattern.compile("^\\|\\s*([a-z-]+)[^|]*\\|\\s*(\\d+)\\s*\\|$");

    private static final List<String> KAFKA_NODES = List.of("kafka-1", "kafka-2", "kafka-3");

    /** Spring Boot's own properties that compose sets and no application.yml mentions (the gateway's actuator port). */
    private static final Set<String> BOOT_PROPERTIES_SET_ONLY_IN_COMPOSE = Set.of("MANAGEMENT_SERVER_PORT");

    /** Every service in the file, whatever its profile. */
    private static Map<String, Object> services;

    /** The services {@code docker compose up} starts without {@code --profile}: the system itself. */
    private static Map<String, Object> defaultServices;

    @BeforeAll
    static void readTheComposeFile() {
        Map<String, Object> compose = YamlFiles.read(REPOSITORY.resolve("docker-compose.yml"));
        assertThat(compose).as("top-level keys").doesNotContainKey("version").containsKey("services");
        services = map(compose.get("services"));
        defaultServices = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (!map(service).containsKey("profiles")) {
                defaultServices.put(name, service);
            }
        });
    }

    @Test
    void definesTheWholeSystem() {
        assertThat(defaultServices).containsOnlyKeys("kafka-1", "kafka-2", "kafka-3", "postgres", "redis", "order-service",
                "inventory-service", "notification-service", "gateway", "auth-server", "console");
    }

    @Test
    void publishesTheGatewayAndOnTheLoopbackOnlyKafkaAndPostgresForTheTools() {
        defaultServices.forEach((name, service) -> {
            if (List.of("order-service", "inventory-service", "notification-service", "console", "redis").contains(name)) {
                assertThat(map(service)).as(name + " publishes no port").doesNotContainKey("ports");
            }
            else {
                assertThat(list(map(service).get("ports"))).as(name + " published ports").isNotEmpty()
                        .allSatisfy(port -> assertThat(String.valueOf(port)).as(name).startsWith("127.0.0.1:"));
            }
        });
        assertThat(list(service("gateway").get("ports")))
                .as("the gateway's published container ports")
                .map(DockerComposeFileTests::containerPort)
                .containsExactly(8080);
        assertThat(list(service("postgres").get("ports"))).map(DockerComposeFileTests::containerPort).containsExactly(5432);
    }

    /** Each node is reachable from this machine at the address it advertises there, 9092-9094 by default. */
    @ParameterizedTest
    @ValueSource(strings = { "kafka-1", "kafka-2", "kafka-3" })
    void advertisesEachKafkaNodeAtThePortItIsPublishedOn(String node) {
        int index = Integer.parseInt(node.substring("kafka-".length()));
        String hostPort = "${KAFKA_" + index + "_PORT:-" + (9091 + index) + "}";

        assertThat(list(service(node).get("ports"))).map(String::valueOf).containsExactly("127.0.0.1:" + hostPort + ":9094");
        assertThat(environment(node).get("KAFKA_ADVERTISED_LISTENERS")).contains("EXTERNAL://127.0.0.1:" + hostPort);
        assertThat(environment(node).get("KAFKA_LISTENERS")).contains("EXTERNAL://:9094");
    }

    /** {@code docker compose down} then {@code up} keeps every order, stock level and record. */
    @Test
    void keepsPostgresAndKafkaDataInNamedVolumes() {
        assertThat(list(service("postgres").get("volumes"))).map(String::valueOf)
                .contains("postgres-data:/var/lib/postgresql/data");
        KAFKA_NODES.forEach(node -> {
            assertThat(list(service(node).get("volumes"))).map(String::valueOf).containsExactly(node + "-data:/var/lib/kafka/data");
            assertThat(environment(node)).containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
        });
    }

    @Test
    void limitsTheMemoryOfEveryContainerAndRestartsItWhenItDies() {
        defaultServices.forEach((name, service) -> {
            Object memory = map(map(map(map(service).get("deploy")).get("resources")).get("limits")).get("memory");
            assertThat(String.valueOf(memory)).as(name + " memory limit").matches("\\d+[mg]");
            assertThat(map(service).get("restart")).as(name + " restart policy").isEqualTo("unless-stopped");
        });
    }

    @Test
    void namesNoContainerSoThatServicesCanBeScaled() {
        services.forEach((name, service) ->
                assertThat(map(service)).as(name).doesNotContainKey("container_name"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "order-service", "inventory-service", "notification-service", "gateway", "auth-server" })
    void runsEachApplicationOnTheContractsPortAndChecksItsHealthThere(String application) {
        String port = String.valueOf(contractPorts().get(application));

        assertThat(environment(application)).as(application + " SERVER_PORT").containsEntry("SERVER_PORT", port);
        String actuatorPort = environment(application).getOrDefault("MANAGEMENT_SERVER_PORT", port);
        assertThat(String.join(" ", healthcheckTest(application)))
                .as(application + " health check")
                .contains("localhost:" + actuatorPort + "/actuator/health/readiness");
    }

    @Test
    void givesEveryServiceAHealthcheck() {
        defaultServices.keySet().forEach(name -> assertThat(healthcheckTest(name)).as(name + " health check").isNotEmpty());
    }

    @Test
    void startsEveryServiceOnlyAfterWhatItDependsOnIsHealthy() {
        List<String> dependencies = new ArrayList<>();
        services.forEach((name, service) -> {
            Object dependsOn = map(service).get("depends_on");
            if (dependsOn == null) {
                return;
            }
            assertThat(dependsOn).as(name + " depends_on with conditions, not a plain list").isInstanceOf(Map.class);
            map(dependsOn).forEach((dependency, options) -> {
                dependencies.add(name + " -> " + dependency);
                assertThat(map(options).get("condition")).as(name + " -> " + dependency)
                        .isEqualTo("service_healthy");
                assertThat(healthcheckTest(dependency)).as(dependency + " health check").isNotEmpty();
            });
        });
        for (String application : List.of("order-service", "inventory-service", "notification-service")) {
            assertThat(dependencies).contains(application + " -> postgres");
            KAFKA_NODES.forEach(node -> assertThat(dependencies).contains(application + " -> " + node));
        }
        assertThat(dependencies).contains("gateway -> order-service", "gateway -> inventory-service",
                "gateway -> notification-service");
    }

    /**
     * A variable the application does not read is silently ignored, so a typo in its name would leave the
     * default (localhost) in force. Spring Boot reads {@code SPRING_DATASOURCE_URL} as
     * {@code spring.datasource.url}: upper case, {@code .} as {@code _}, {@code -} dropped or as {@code _}.
     */
    @ParameterizedTest
    @ValueSource(strings = { "order-service", "inventory-service", "notification-service", "gateway", "auth-server", "console" })
    void setsOnlyVariablesTheApplicationReads(String application) {
        Path applicationYml = REPOSITORY.resolve(application).resolve("src/main/resources/application.yml");
        assertThat(applicationYml).as(application + " configuration").isRegularFile();
        Set<String> placeholders = placeholders(applicationYml);
        Set<String> propertyKeys = flatten("", YamlFiles.read(applicationYml), new LinkedHashSet<>());

        assertThat(environment(application).keySet()).isNotEmpty().allSatisfy(variable ->
                assertThat(placeholders.contains(variable) || BOOT_PROPERTIES_SET_ONLY_IN_COMPOSE.contains(variable)
                        || propertyKeys.stream().anyMatch(key -> isEnvironmentFormOf(variable, key)))
                        .as("%s sets %s, but its application.yml has neither ${%s} nor the property it stands for",
                                application, variable, variable)
                        .isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "order-service", "inventory-service", "notification-service" })
    void connectsEachServiceToKafkaAndToADatabaseTheInitScriptCreates(String application) {
        Map<String, String> environment = environment(application);
        String url = environment.get("SPRING_DATASOURCE_URL");
        assertThat(url).as(application + " database").startsWith("jdbc:postgresql://postgres:5432/");
        String database = url.substring(url.lastIndexOf('/') + 1);

        assertThat(postgresInitScript()).as("the PostgreSQL init script")
                .containsPattern("(?i)CREATE DATABASE\\s+" + database + "\\s*;");
        assertThat(environment).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092")
                .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        // Three copies of every record, two of them in sync before a write is acknowledged: one node may die.
        assertThat(environment).containsEntry("ORDERFLOW_TOPICS_REPLICATION_FACTOR", "3")
                .containsEntry("ORDERFLOW_TOPICS_MIN_INSYNC_REPLICAS", "2");
    }

    @Test
    void routesTheGatewayToEachServiceOnItsPort() {
        Map<String, Integer> ports = contractPorts();

        assertThat(environment("gateway"))
                .containsEntry("ORDER_SERVICE_URL", "http://order-service:" + ports.get("order-service"))
                .containsEntry("INVENTORY_SERVICE_URL", "http://inventory-service:" + ports.get("inventory-service"))
                .containsEntry("NOTIFICATION_SERVICE_URL",
                        "http://notification-service:" + ports.get("notification-service"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "kafka-1", "kafka-2", "kafka-3" })
    void runsEachKafkaNodeAsBrokerAndControllerOfOneThreeVoterQuorum(String node) {
        Map<String, String> kafka = environment(node);

        assertThat(service(node).get("image")).isEqualTo("${KAFKA_IMAGE:-apache/kafka:4.1.2}");
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).contains("broker").contains("controller");
        assertThat(kafka).containsEntry("KAFKA_NODE_ID", node.substring("kafka-".length()))
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                .containsEntry("CLUSTER_ID", environment("kafka-1").get("CLUSTER_ID"));
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://" + node + ":9092");
    }

    @ParameterizedTest
    @ValueSource(strings = { "kafka-1", "kafka-2", "kafka-3" })
    void keepsEveryAcknowledgedRecordOnTwoNodesAndCreatesNoTopicByItself(String node) {
        assertThat(environment(node))
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsEntry("KAFKA_UNCLEAN_LEADER_ELECTION_ENABLE", "false")
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "2");
    }

    /** One Dockerfile at the root for the four services, so they cannot drift; the MODULE build argument picks one. */
    @ParameterizedTest
    @ValueSource(strings = { "order-service", "inventory-service", "notification-service", "gateway", "auth-server", "console" })
    void buildsEachApplicationFromTheOneDockerfileInTwoStagesAndRunsItAsNonRoot(String application) {
        Map<String, Object> build = map(service(application).get("build"));
        Path context = REPOSITORY.resolve(String.valueOf(build.get("context"))).normalize();
        assertThat(context).as(application + " build context").isEqualTo(REPOSITORY);
        assertThat(build.getOrDefault("dockerfile", "Dockerfile")).as(application + " Dockerfile").isEqualTo("Dockerfile");
        assertThat(map(build.get("args"))).as(application + " build arguments").containsEntry("MODULE", application)
                .containsEntry("JDK_IMAGE", "${JDK_IMAGE:-eclipse-temurin:21-jdk}")
                .containsEntry("JRE_IMAGE", "${JRE_IMAGE:-eclipse-temurin:21-jre}");

        List<String> instructions = dockerfileInstructions();
        assertThat(instructions).as("FROM stages").filteredOn(line -> keyword(line).equals("FROM")).hasSize(2);
        List<String> finalStage = instructions.subList(lastIndexOf(instructions, "FROM"), instructions.size());
        int lastUser = lastIndexOf(finalStage, "USER");
        assertThat(lastUser).as("USER in the final stage").isNotNegative();
        String user = finalStage.get(lastUser).substring("USER".length()).strip().split(":")[0];
        assertThat(user).as("user").isNotIn("root", "0");
        assertThat(finalStage).as("the layers of the extracted jar, least changing first").containsSubsequence(
                "COPY --from=build /layers/${MODULE}/dependencies/ ./",
                "COPY --from=build /layers/${MODULE}/application/ ./");
    }

    /** The reactor refuses to start when a module of the root pom is missing, as happened when two modules were added. */
    @Test
    void copiesThePomOfEveryModuleTheRootPomLists() {
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(readString(REPOSITORY.resolve("pom.xml")));
        List<String> modules = new ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertThat(modules).isNotEmpty();
        assertThat(dockerfileInstructions()).as("Dockerfile").containsAll(modules.stream()
                .map(name -> "COPY " + name + "/pom.xml " + name + "/").toList());
    }

    /** docker/stand-ins builds images of the versions compose names by default. */
    @Test
    void pointsTheStandInsAtImagesOfTheDefaultVersions() {
        Map<String, String> standIns = new LinkedHashMap<>();
        readLines(REPOSITORY.resolve("docker/stand-ins/stand-ins.env")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> standIns.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        assertThat(standIns.get("KAFKA_IMAGE")).endsWith(":4.1.2");
        assertThat(standIns.get("POSTGRES_IMAGE")).endsWith(":15");
        assertThat(String.valueOf(service("postgres").get("image"))).isEqualTo("${POSTGRES_IMAGE:-postgres:15}");
        assertThat(standIns.get("JDK_IMAGE")).endsWith(":21");
        assertThat(standIns.get("JRE_IMAGE")).endsWith(":21");
        assertThat(standIns.get("REDIS_IMAGE")).endsWith(":7.0");
        assertThat(String.valueOf(service("redis").get("image"))).isEqualTo("${REDIS_IMAGE:-redis:7.0}");
    }

    private static List<String> dockerfileInstructions() {
        return readLines(REPOSITORY.resolve("Dockerfile")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private static Map<String, Integer> contractPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String line : readLines(REPOSITORY.resolve("docs/CONTRACT.md"))) {
            Matcher row = CONTRACT_PORT_ROW.matcher(line.strip());
            if (row.matches() && APPLICATIONS.contains(row.group(1))) {
                ports.put(row.group(1), Integer.valueOf(row.group(2)));
            }
        }
        assertThat(ports).as("ports in the contract's table").containsOnlyKeys(APPLICATIONS);
        return ports;
    }

    private static Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    /** Both forms Compose accepts: a map, or a list of {@code NAME=value}. */
    private static Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> variables.put(String.valueOf(key), String.valueOf(value)));
        }
        else if (environment instanceof List<?> entries) {
            entries.forEach(entry -> {
                String[] parts = String.valueOf(entry).split("=", 2);
                variables.put(parts[0], parts.length > 1 ? parts[1] : "");
            });
        }
        return variables;
    }

    private static List<String> healthcheckTest(String name) {
        Object healthcheck = service(name).get("healthcheck");
        if (!(healthcheck instanceof Map<?, ?> options) || Boolean.TRUE.equals(options.get("disable"))) {
            return List.of();
        }
        Object test = options.get("test");
        if (test instanceof List<?> command) {
            return command.stream().map(String::valueOf).toList();
        }
        return test == null ? List.of() : List.of(String.valueOf(test));
    }

    /** Short syntax ({@code "127.0.0.1:8080:8080"}, {@code "8080:8080/tcp"}) or long syntax ({@code target:}). */
    private static int containerPort(Object port) {
        if (port instanceof Map<?, ?> longSyntax) {
            return Integer.parseInt(String.valueOf(longSyntax.get("target")));
        }
        String shortSyntax = String.valueOf(port).split("/")[0];
        return Integer.parseInt(shortSyntax.substring(shortSyntax.lastIndexOf(':') + 1));
    }

    private static String postgresInitScript() {
        List<String> initScripts = list(service("postgres").get("volumes")).stream()
                .map(String::valueOf)
                .filter(volume -> volume.contains("/docker-entrypoint-initdb.d"))
                .map(volume -> readString(REPOSITORY.resolve(volume.split(":")[0]).normalize()))
                .toList();
        assertThat(initScripts).as("init scripts mounted into PostgreSQL").isNotEmpty();
        return String.join("\n", initScripts);
    }

    private static boolean isEnvironmentFormOf(String variable, String propertyKey) {
        String upperCase = propertyKey.toUpperCase(Locale.ROOT).replace('.', '_');
        return variable.equals(upperCase.replace("-", "")) || variable.equals(upperCase.replace('-', '_'));
    }

    private static Set<String> placeholders(Path file) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(readString(file));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Set<String> flatten(String prefix, Map<String, Object> yaml, Set<String> keys) {
        yaml.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            keys.add(path);
            if (value instanceof Map<?, ?>) {
                flatten(path, map(value), keys);
            }
        });
        return keys;
    }

    private static String keyword(String instruction) {
        return instruction.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    }

    private static int lastIndexOf(List<String> instructions, String keyword) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (keyword(instructions.get(i)).equals(keyword)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> readLines(Path file) {
        return readString(file).lines().toList();
    }
}
