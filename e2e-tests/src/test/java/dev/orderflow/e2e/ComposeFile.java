package dev.orderflow.e2e;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The {@code environment:} of each service in docker-compose.yml, so the processes the suite starts are
 * configured as the containers are, and a setting added to the compose file reaches the tests without
 * being copied. Values keep compose's {@code ${VAR:-default}} substitution; addresses are translated by the
 * caller, since {@code kafka-1:9092} means something else outside Docker's network.
 */
public final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?-([^}]*))?}");

    private final Map<String, Object> services;

    private ComposeFile(Map<String, Object> services) {
        this.services = services;
    }

    public static ComposeFile read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> compose = asMap(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
            return new ComposeFile(asMap(compose.get("services")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Names of every service in the file, whatever its profile. */
    public Set<String> serviceNames() {
        return services.keySet();
    }

    /** The service's environment as Compose would pass it, with {@code ${VAR:-default}} resolved against this JVM's environment. */
    public Map<String, String> environment(String service) {
        Object environment = asMap(services.get(service)).get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> variables.put(String.valueOf(key), substitute(value == null ? "" : String.valueOf(value))));
        } else if (environment instanceof Iterable<?> entries) {
            entries.forEach(entry -> {
                String[] parts = String.valueOf(entry).split("=", 2);
                variables.put(parts[0], substitute(parts.length > 1 ? parts[1] : ""));
            });
        }
        return variables;
    }

    private static String substitute(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String set = System.getenv(matcher.group(1));
            String replacement = set != null && !set.isEmpty() ? set : matcher.group(2) == null ? "" : matcher.group(2);
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object yaml) {
        if (!(yaml instanceof Map<?, ?>)) {
            throw new IllegalStateException("docker-compose.yml: expected a mapping, found " + yaml);
        }
        return (Map<String, Object>) yaml;
    }
}
