package dev.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reading the repository's YAML and text files in the static checks, failing as an assertion when a shape is wrong. */
public final class YamlFiles {

    private YamlFiles() {
    }

    /** Every document of the file merged, as Spring Boot reads a multi-document application.yml. */
    public static Map<String, Object> read(Path file) {
        Map<String, Object> merged = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    merged.putAll(map(document));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object yaml) {
        assertThat(yaml).isInstanceOf(Map.class);
        return (Map<String, Object>) yaml;
    }

    public static List<?> list(Object yaml) {
        assertThat(yaml).isInstanceOf(List.class);
        return (List<?>) yaml;
    }

    public static String readString(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
