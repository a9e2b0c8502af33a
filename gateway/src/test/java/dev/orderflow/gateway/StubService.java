package dev.orderflow.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for one service: it records every request it receives and answers with
 * the reply it was last given, or holds the request without answering while {@link #stall()} is on.
 */
final class StubService implements AutoCloseable {

    /** What the service received, as it received it. */
    record ReceivedRequest(String method, String pathAndQuery, Headers headers, byte[] body) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** What the service answers. */
    record Reply(int status, Map<String, String> headers, String body) {
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private volatile Reply reply;
    private volatile CountDownLatch stalled = new CountDownLatch(0);

    private StubService(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.setExecutor(executor);
        this.server.createContext("/", this::handle);
        reset();
    }

    static StubService start(String name) {
        try {
            StubService service = new StubService(name);
            service.server.start();
            return service;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Could not start the stub of " + name, ex);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    ReceivedRequest onlyRequest() {
        List<ReceivedRequest> requests = received();
        if (requests.size() != 1) {
            throw new AssertionError(name + " received " + requests.size() + " requests, expected 1: " + requests);
        }
        return requests.get(0);
    }

    void replyWith(Reply reply) {
        this.reply = reply;
    }

    /** Holds every request from now on without answering, until {@link #reset()}. */
    void stall() {
        stalled = new CountDownLatch(1);
    }

    /** Back to answering {@code 200} with a body naming this service, with nothing recorded. */
    void reset() {
        stalled.countDown();
        received.clear();
        reply = new Reply(200, Map.of("Content-Type", "application/json"), "{\"servedBy\":\"" + name + "\"}");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String query = exchange.getRequestURI().getRawQuery();
            received.add(new ReceivedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                    exchange.getRequestHeaders(), body.readAllBytes()));
            awaitEndOfStall();
            Reply answer = reply;
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private void awaitEndOfStall() {
        try {
            stalled.await(1, TimeUnit.MINUTES);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stalled.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
