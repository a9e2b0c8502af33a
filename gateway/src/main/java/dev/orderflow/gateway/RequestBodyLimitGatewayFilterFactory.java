package dev.orderflow.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses a request body larger than {@code maxSize} with {@code 413}, whether the client declares its
 * length ({@code Content-Length}) or streams it ({@code Transfer-Encoding: chunked}). Used in
 * {@code application.yml} as {@code RequestBodyLimit}.
 *
 * <p>Spring Cloud Gateway's own {@code RequestSize} filter is not used because it checks only
 * {@code Content-Length}, so a chunked body of any size passes, and it answers with an empty body where
 * clients expect problem details. A body of unknown length is held until complete (at most
 * {@code maxSize}, small by design) so that a service never sees the start of a request that is then
 * refused; the gateway's {@code RemoveCachedBodyFilter} releases it when the exchange ends.
 */
@Component
public class RequestBodyLimitGatewayFilterFactory
        extends AbstractGatewayFilterFactory<RequestBodyLimitGatewayFilterFactory.Config> {

    public RequestBodyLimitGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("maxSize");
    }

    @Override
    public GatewayFilter apply(Config config) {
        long maxBytes = config.getMaxSize().toBytes();
        return (exchange, chain) -> {
            long declaredLength = exchange.getRequest().getHeaders().getContentLength();
            if (declaredLength > maxBytes) {
                return Mono.error(tooLarge(maxBytes));
            }
            if (declaredLength >= 0) {
                return chain.filter(exchange);
            }
            ServerWebExchange limited = exchange.mutate()
                    .request(new LimitedBodyRequest(exchange.getRequest(), maxBytes))
                    .build();
            return ServerWebExchangeUtils.cacheRequestBody(limited,
                    cachedRequest -> chain.filter(limited.mutate().request(cachedRequest).build()));
        };
    }

    private static ResponseStatusException tooLarge(long maxBytes) {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the limit of " + maxBytes + " bytes.");
    }

    /** Fails the body stream as soon as it grows past the limit, before the rest is read. */
    private static final class LimitedBodyRequest extends ServerHttpRequestDecorator {

        private final long maxBytes;

        LimitedBodyRequest(ServerHttpRequest delegate, long maxBytes) {
            super(delegate);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                AtomicLong bytesSoFar = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (bytesSoFar.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge(maxBytes));
                    }
                    else {
                        sink.next(buffer);
                    }
                });
            });
        }
    }

    public static class Config {

        private DataSize maxSize = DataSize.ofKilobytes(64);

        public DataSize getMaxSize() {
            return maxSize;
        }

        public void setMaxSize(DataSize maxSize) {
            this.maxSize = maxSize;
        }
    }
}
