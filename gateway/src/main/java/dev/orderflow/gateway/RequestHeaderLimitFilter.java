package dev.orderflow.gateway;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses ({@code 431}, problem details) a request whose header lines add up to more than
 * {@code orderflow.gateway.max-request-header-size} (16 KiB): a token is under 1 KiB, and nothing legitimate
 * comes near. The HTTP server's own limit ({@code server.max-http-request-header-size}) is set higher, because
 * what it refuses it answers with a bare status and no body; past that one too, the connection gets a bare 431.
 */
@Component
class RequestHeaderLimitFilter implements WebFilter, Ordered {

    private final long maxBytes;

    RequestHeaderLimitFilter(@Value("${orderflow.gateway.max-request-header-size:16KB}") DataSize maxSize) {
        this.maxBytes = maxSize.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (size(exchange.getRequest().getHeaders()) <= maxBytes) {
            return chain.filter(exchange);
        }
        return Mono.error(new GatewayProblem(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                "The request's headers are larger than the limit of " + maxBytes + " bytes.", HttpHeaders.EMPTY));
    }

    /** Right after the security headers and the path check, before anything reads a header. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    private static long size(HttpHeaders headers) {
        long size = 0;
        for (Map.Entry<String, List<String>> header : headers.headerSet()) {
            for (String value : header.getValue()) {
                // "Name: value\r\n"
                size += header.getKey().length() + value.length() + 4;
            }
        }
        return size;
    }
}
