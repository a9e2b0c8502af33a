package dev.orderflow.e2e.observability;

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
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks the compose file's observability profile without running Docker: Prometheus scrapes the services where
 * they really serve their metrics, the Grafana dashboard asks only for metrics the services really expose (the
 * list in {@code exposed-metrics.txt}, which each service's {@code ObservabilityIT} checks against a real
 * scrape), Grafana's data sources and the services' trace export point at services of the profile.
 */
class ObservabilityFilesTests {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    private static final Path OBSERVABILITY = REPOSITORY.resolve("docker/observability");

    private static final Set<String> PROFILE = Set.of("prometheus", "grafana", "jaeger", "kafka-ui");

    /** PromQL words that are not metric names. */
    private static final Set<String> PROMQL = Set.of("sum", "rate", "irate", "increase", "avg", "max", "min", "count",
            "histogram_quantile", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "topk", "bottomk", "clamp_min", "clamp_max", "label_replace", "abs", "time", "vector", "offset");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private final Map<String, Object> services = map(YamlFiles.read(REPOSITORY.resolve("docker-compose.yml")).get("services"));

    @Test
    void putsTheObservabilityToolsInTheirOwnProfileOnLoopbackPortsOnly() {
        assertThat(services).containsKeys(PROFILE.toArray(String[]::new));
        PROFILE.forEach(name -> {
            Map<String, Object> service = map(services.get(name));
            assertThat(list(service.get("profiles"))).as(name + " profiles").map(String::valueOf)
                    .containsExactly("observability");
            list(service.getOrDefault("ports", List.of())).forEach(port ->
                    assertThat(String.valueOf(port)).as(name + " published port").startsWith("127.0.0.1:"));
        });
        services.forEach((name, service) -> {
            Object dependsOn = map(service).get("depends_on");
            if (!map(service).containsKey("profiles") && dependsOn != null) {
                assertThat(map(dependsOn).keySet()).as(name + " must start without the observability profile")
                        .doesNotContainAnyElementsOf(PROFILE);
            }
        });
    }

    @Test
    void scrapesEveryServiceOnItsOwnPortWhereItExposesPrometheus() {
        Map<String, Object> prometheus = YamlFiles.read(OBSERVABILITY.resolve("prometheus.yml"));
        Map<String, String> targets = new LinkedHashMap<>();
        for (Object job : list(prometheus.get("scrape_configs"))) {
            Map<String, Object> scrape = map(job);
            assertThat(scrape.get("metrics_path")).as(scrape.get("job_name") + " path").isEqualTo("/actuator/prometheus");
            for (Object config : list(scrape.get("static_configs"))) {
                for (Object target : list(map(config).get("targets"))) {
                    String[] hostAndPort = String.valueOf(target).split(":");
                    targets.put(hostAndPort[0], hostAndPort[1]);
                }
            }
        }

        assertThat(targets).containsOnlyKeys("order-service", "inventory-service", "notification-service", "gateway");
        targets.forEach((service, port) -> {
            assertThat(services).as("scrape target").containsKey(service);
            Map<String, String> environment = environment(service);
            assertThat(environment.getOrDefault("MANAGEMENT_SERVER_PORT", environment.get("SERVER_PORT"))).as(service + " actuator port")
                    .isEqualTo(port);
            String exposure = environment.getOrDefault("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE",
                    readString(REPOSITORY.resolve(service).resolve("src/main/resources/application.yml")));
            assertThat(exposure).as(service + " exposes the prometheus endpoint").containsPattern("(include:\\s*[^\\n]*|^[^\\n]*)prometheus");
        });
        assertThat(readString(REPOSITORY.resolve("gateway/pom.xml"))).as("the gateway's Prometheus registry")
                .contains("<artifactId>micrometer-registry-prometheus</artifactId>");
    }

    @Test
    void queriesOnlyMetricsTheServicesExpose() {
        Set<String> exposed = new LinkedHashSet<>();
        for (String line : readString(OBSERVABILITY.resolve("exposed-metrics.txt")).lines().toList()) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 2 && !line.startsWith("#")) {
                exposed.add(fields[1]);
            }
        }
        List<String> used = new ArrayList<>();
        for (JsonNode panel : dashboard().get("panels")) {
            assertThat(panel.get("targets")).as(panel.get("title").asString() + " queries").isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                List<String> metrics = metricNames(target.get("expr").asString());
                assertThat(metrics).as("metrics in " + target.get("expr").asString()).isNotEmpty();
                used.addAll(metrics);
            }
        }

        assertThat(used).allSatisfy(metric -> assertThat(exposed).as("metrics the services expose").contains(metric));
        assertThat(used).as("the dashboard shows what the issue asked for").contains(
                "orderflow_orders_placed_total", "orderflow_orders_confirmation_latency_seconds_bucket",
                "orderflow_events_handled_total", "orderflow_events_duplicates_total",
                "orderflow_events_out_of_order_total", "orderflow_events_dead_lettered_total",
                "orderflow_outbox_backlog", "orderflow_outbox_oldest_age_seconds",
                "kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    void pointsGrafanaAndTheServicesTracesAtTheProfilesServices() {
        Map<String, Object> datasources = YamlFiles.read(OBSERVABILITY.resolve("grafana/provisioning/datasources/datasources.yml"));
        Map<String, String> urls = new LinkedHashMap<>();
        list(datasources.get("datasources")).forEach(source ->
                urls.put(String.valueOf(map(source).get("uid")), String.valueOf(map(source).get("url"))));
        assertThat(urls).containsEntry("prometheus", "http://prometheus:9090").containsEntry("jaeger", "http://jaeger:16686");
        Set<String> uids = new LinkedHashSet<>();
        dashboard().get("panels").forEach(panel -> uids.add(panel.get("datasource").get("uid").asString()));
        assertThat(urls.keySet()).containsAll(uids);

        for (String application : List.of("order-service", "inventory-service", "notification-service", "gateway")) {
            assertThat(environment(application)).as(application)
                    .containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://jaeger:4318/v1/traces")
                    .containsKey("MANAGEMENT_TRACING_EXPORT_OTLP_ENABLED");
        }
    }

    /** Identifiers outside label matchers, ranges, strings and by/without lists that are not PromQL words. */
    static List<String> metricNames(String expr) {
        String stripped = expr.replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without)\\s*\\([^)]*\\)", " ");
        List<String> names = new ArrayList<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String word = matcher.group();
            if (!PROMQL.contains(word) && !word.matches("\\d.*")) {
                names.add(word);
            }
        }
        return names;
    }

    private static JsonNode dashboard() {
        return new ObjectMapper().readTree(readString(OBSERVABILITY.resolve("grafana/dashboards/orderflow.json")));
    }

    private Map<String, String> environment(String service) {
        Map<String, String> variables = new LinkedHashMap<>();
        map(map(services.get(service)).get("environment")).forEach((key, value) -> variables.put(key, String.valueOf(value)));
        return variables;
    }
}
