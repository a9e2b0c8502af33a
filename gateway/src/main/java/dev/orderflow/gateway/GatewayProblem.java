package dev.orderflow.gateway;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * An answer the gateway gives itself, with the headers that belong to it ({@code WWW-Authenticate} on a 401,
 * {@code Retry-After} on a 429 or 503). Raised as an error so that {@link ProblemDetailErrorWebExceptionHandler}
 * renders it as {@code application/problem+json} like every other error, and nothing after it runs: a refused
 * request is never forwarded.
 */
public class GatewayProblem extends ResponseStatusException {

    private final HttpHeaders headers;

    public GatewayProblem(HttpStatus status, String detail, HttpHeaders headers) {
        this(status, detail, headers, null);
    }

    public GatewayProblem(HttpStatus status, String detail, HttpHeaders headers, Throwable cause) {
        super(status, detail, cause);
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
        getBody().setDetail(detail);
    }

    /** A refusal to retry later: {@code Retry-After} in whole seconds, at least one. */
    public static GatewayProblem retryLater(HttpStatus status, String detail, java.time.Duration retryAfter,
            Throwable cause) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        return new GatewayProblem(status, detail, headers, cause);
    }

    @Override
    public HttpHeaders getHeaders() {
        return headers;
    }
}
