package dev.orderflow.console.messaging;

import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.console.domain.LiveViews;
import dev.orderflow.console.domain.PrometheusText;
import dev.orderflow.console.domain.ServiceMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Scrapes each service's {@code /actuator/prometheus} every {@code metrics-interval}, all instances at once, each
 * within two seconds. A service that does not answer shows as such on the page; the log says so once, and once
 * more when it answers again.
 */
@Component
public class ServiceMetricsScraper {

    private static final Logger log = LoggerFactory.getLogger(ServiceMetricsScraper.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ConsoleProperties properties;
    private final LiveViews views;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, Boolean> answered = new HashMap<>();

    public ServiceMetricsScraper(ConsoleProperties properties, LiveViews views, TaskScheduler scheduler, Clock clock) {
        this.properties = properties;
        this.views = views;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        log.info("Scraping {} every {}", properties.services(), properties.metricsInterval());
        scheduler.scheduleWithFixedDelay(this::scrape, properties.metricsInterval());
    }

    void scrape() {
        Instant now = clock.instant();
        Map<String, List<CompletableFuture<Scrape>>> pending = new HashMap<>();
        properties.services().forEach((service, urls) -> pending.put(service, urls(urls).stream().map(this::fetch).toList()));
        List<ServiceMetrics> all = new ArrayList<>();
        properties.services().forEach((service, urls) -> {
            List<PrometheusText> texts = new ArrayList<>();
            String error = null;
            for (CompletableFuture<Scrape> future : pending.get(service)) {
                Scrape scrape = future.join();
                if (scrape.text != null) {
                    texts.add(scrape.text);
                } else {
                    error = scrape.error;
                }
            }
            ServiceMetrics metrics = ServiceMetrics.of(service, urls(urls), texts, error, now);
            Boolean before = answered.put(service, metrics.up());
            if (before == null || before != metrics.up()) {
                if (metrics.up()) {
                    log.info("{} metrics answer at {}", service, urls);
                } else {
                    log.warn("{} metrics do not answer at {}: {}", service, urls, error);
                }
            }
            all.add(metrics);
        });
        views.update("metrics", new Metrics(now, all));
    }

    private CompletableFuture<Scrape> fetch(String baseUrl) {
        String url = baseUrl.replaceAll("/+$", "") + "/actuator/prometheus";
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Scrape(null, "bad URL " + url));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> response.statusCode() == 200
                        ? new Scrape(PrometheusText.parse(response.body()), null)
                        : new Scrape(null, url + " answered " + response.statusCode()))
                .exceptionally(e -> new Scrape(null, url + ": " + rootCause(e)));
    }

    private static List<String> urls(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    private record Scrape(PrometheusText text, String error) {
    }

    /** The {@code metrics} view: one entry per configured service. */
    public record Metrics(Instant at, List<ServiceMetrics> services) {
    }
}
