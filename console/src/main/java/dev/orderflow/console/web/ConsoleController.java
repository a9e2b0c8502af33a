package dev.orderflow.console.web;

import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.console.domain.OrderBoard;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The console's own endpoints, all under {@code /console/} so that the gateway can route the prefix unchanged. */
@RestController
class ConsoleController {

    private final ConsoleStream stream;
    private final OrderBoard board;
    private final ConsoleProperties properties;

    ConsoleController(ConsoleStream stream, OrderBoard board, ConsoleProperties properties) {
        this.stream = stream;
        this.board = board;
        this.properties = properties;
    }

    @GetMapping(path = "/console/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return stream.connect();
    }

    /** What the page needs to sign in and to act; nothing secret: the console is a public client. */
    @GetMapping("/console/config.json")
    PageConfig config() {
        ConsoleProperties.Auth auth = properties.auth();
        return new PageConfig(new PageConfig.SignIn(auth.issuer(), auth.authorizationEndpointOrDefault(),
                auth.tokenEndpointOrDefault(), auth.clientId(), auth.redirectUri(), auth.scopes()),
                properties.apiBaseUrl() == null ? "" : properties.apiBaseUrl(),
                blankToNull(properties.traceUrlTemplate()), properties.groups(), properties.topics());
    }

    @GetMapping("/console/orders/{orderId}")
    ResponseEntity<?> story(@PathVariable UUID orderId) {
        return board.story(orderId, properties.traceUrlTemplate())
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "order " + orderId
                            + " is not followed by the console: placed before it started, sampled out, or forgotten");
                    return ResponseEntity.status(HttpStatus.NOT_FOUND)
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
                });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * {@code /console/config.json}.
     *
     * @param apiBaseUrl       where the page sends {@code /api/...}; empty: its own origin
     * @param traceUrlTemplate {@code {traceId}} is replaced by the trace id; null: no links
     */
    record PageConfig(SignIn signIn, String apiBaseUrl, String traceUrlTemplate, List<String> groups,
            List<String> topics) {

        record SignIn(String issuer, String authorizationEndpoint, String tokenEndpoint, String clientId,
                String redirectUri, String scopes) {
        }
    }

}
