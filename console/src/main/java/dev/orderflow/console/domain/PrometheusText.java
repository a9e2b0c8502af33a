package dev.orderflow.console.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The few numbers the console needs from a Prometheus text exposition: each metric's samples, labels dropped.
 * Enough for sums (counters over groups and types) and maxima (the age of the oldest outbox row).
 */
public final class PrometheusText {

    private final Map<String, List<Double>> samples;

    private PrometheusText(Map<String, List<Double>> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        Map<String, List<Double>> samples = new HashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String name;
            String rest;
            if (brace >= 0 && brace < space) {
                int close = line.lastIndexOf('}');
                if (close < brace) {
                    continue;
                }
                name = line.substring(0, brace);
                rest = line.substring(close + 1).trim();
            } else {
                name = line.substring(0, space);
                rest = line.substring(space + 1).trim();
            }
            String value = rest.split("\\s+")[0];
            try {
                samples.computeIfAbsent(name, n -> new ArrayList<>()).add(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                // A sample this reader does not understand is left out; the others still count.
            }
        }
        return new PrometheusText(samples);
    }

    /** The sum of a metric's samples, or null when the metric is not exposed (not yet incremented, or not here). */
    public Double sum(String name) {
        List<Double> values = samples.get(name);
        return values == null ? null : values.stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).sum();
    }

    /** The largest of a metric's samples, or null when the metric is not exposed. */
    public Double max(String name) {
        List<Double> values = samples.get(name);
        return values == null ? null
                : values.stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
