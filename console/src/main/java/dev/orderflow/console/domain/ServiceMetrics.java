package dev.orderflow.console.domain;

import java.time.Instant;
import java.util.List;

/**
 * What went wrong, as a service's own Prometheus endpoint counts it (ADR 4's metric names). A number is null when the
 * service does not expose it (yet: a counter appears on its first increment).
 *
 * @param answered how many of the service's instances answered
 * @param error    why an instance did not answer, or null
 */
public record ServiceMetrics(String service, List<String> urls, int answered, String error, Double duplicates,
        Double outOfOrder, Double deadLettered, Double eventsHandled, Double outboxBacklog,
        Double outboxOldestAgeSeconds, Instant at) {

    public boolean up() {
        return answered > 0;
    }

    /** Adds up what the instances that answered exposed. */
    public static ServiceMetrics of(String service, List<String> urls, List<PrometheusText> scrapes, String error,
            Instant at) {
        return new ServiceMetrics(service, urls, scrapes.size(), error,
                sum(scrapes, "orderflow_events_duplicates_total"),
                sum(scrapes, "orderflow_events_out_of_order_total"),
                sum(scrapes, "orderflow_events_dead_lettered_total"),
                sum(scrapes, "orderflow_events_handled_total"),
                sum(scrapes, "orderflow_outbox_backlog"),
                max(scrapes, "orderflow_outbox_oldest_age_seconds"), at);
    }

    private static Double sum(List<PrometheusText> scrapes, String name) {
        Double total = null;
        for (PrometheusText scrape : scrapes) {
            Double value = scrape.sum(name);
            if (value != null) {
                total = total == null ? value : total + value;
            }
        }
        return total;
    }

    private static Double max(List<PrometheusText> scrapes, String name) {
        Double highest = null;
        for (PrometheusText scrape : scrapes) {
            Double value = scrape.max(name);
            if (value != null) {
                highest = highest == null ? value : Math.max(highest, value);
            }
        }
        return highest;
    }
}
