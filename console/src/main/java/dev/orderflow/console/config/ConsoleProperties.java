package dev.orderflow.console.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code orderflow.console.*}: what the console watches and how much of it the page receives.
 *
 * @param groups                 the consumer groups whose offsets and members are shown, and whose lanes the orders get
 * @param topics                 the event topics; their {@code -dlt} topics are watched too
 * @param refreshInterval        how often the Admin API is asked for the cluster, offsets and groups
 * @param metricsInterval        how often the services' Prometheus endpoints are scraped
 * @param publishInterval        how often order updates are pushed to the pages
 * @param maxNewOrdersPerSecond  above this rate only a sample of the new orders is followed (1 in 2, 4, 8…)
 * @param maxUpdatesPerPush      order updates sent per push at most; the rest wait for the next push
 * @param trackedOrders          followed orders kept in memory (the oldest go first)
 * @param deadLettersKept        the latest dead-letter records kept (and read back at start, per partition)
 * @param services               service name → base URL(s), comma-separated when several instances run
 * @param traceUrlTemplate       e.g. {@code http://localhost:16686/trace/{traceId}}; empty: trace ids are not links
 * @param apiBaseUrl             where the page sends its actions; empty: the page's own origin (the gateway)
 * @param auth                   the authorization server the page signs people in with
 */
@Validated
@ConfigurationProperties("orderflow.console")
public record ConsoleProperties(
        @NotEmpty List<String> groups,
        @NotEmpty List<String> topics,
        @NotNull Duration refreshInterval,
        @NotNull Duration metricsInterval,
        @NotNull Duration publishInterval,
        @Min(1) int maxNewOrdersPerSecond,
        @Min(1) int maxUpdatesPerPush,
        @Min(1) int trackedOrders,
        @Min(0) int deadLettersKept,
        @NotNull Map<String, String> services,
        String traceUrlTemplate,
        String apiBaseUrl,
        @Valid @NotNull Auth auth) {

    /**
     * Authorization code with PKCE for a public client: no secret here or in the page.
     * Endpoints left empty are the issuer's Spring Authorization Server defaults.
     */
    public record Auth(@NotBlank String issuer, String authorizationEndpoint, String tokenEndpoint,
            @NotBlank String clientId, @NotBlank String redirectUri, @NotBlank String scopes) {

        public String authorizationEndpointOrDefault() {
            return blank(authorizationEndpoint) ? trimSlash(issuer) + "/oauth2/authorize" : authorizationEndpoint;
        }

        public String tokenEndpointOrDefault() {
            return blank(tokenEndpoint) ? trimSlash(issuer) + "/oauth2/token" : tokenEndpoint;
        }

        private static String trimSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
