package dev.orderflow.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Stands in for order-service behind a gateway: answers every request at once with a 202 and a tiny order. */
final class TrivialBackend implements AutoCloseable {

    private static final byte[] BODY = "{\"orderId\":\"00000000-0000-0000-0000-000000000000\",\"status\":\"PENDING\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    TrivialBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", TrivialBackend::answer);
        server.setExecutor(threads);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream request = exchange.getRequestBody(); OutputStream response = exchange.getResponseBody()) {
            request.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Location", "/api/orders/00000000-0000-0000-0000-000000000000");
            exchange.sendResponseHeaders(202, BODY.length);
            response.write(BODY);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
