package dev.orderflow.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service that dies under every request: it reads the request's head, then resets the connection without an
 * answer, as a process killed mid-request does. It counts the requests it read, so a test can see how often the
 * gateway sent one (Reactor Netty also reconnects by itself when a connection fails before the request is sent;
 * those attempts are not requests and are not counted).
 */
final class DroppingService implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger requests = new AtomicInteger();

    private DroppingService() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::dropEveryConnection, "dropping-service");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static DroppingService start() {
        try {
            return new DroppingService();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    int requests() {
        return requests.get();
    }

    void reset() {
        requests.set(0);
    }

    /** Reads up to the blank line that ends a request's head; false if the connection ends first. */
    private static boolean readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        for (int next = in.read(); next != -1; next = in.read()) {
            matched = next == end[matched] ? matched + 1 : next == '\r' ? 1 : 0;
            if (matched == end.length) {
                return true;
            }
        }
        return false;
    }

    private void dropEveryConnection() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connection.setSoLinger(true, 0);
                if (readHead(connection.getInputStream())) {
                    requests.incrementAndGet();
                }
            }
            catch (IOException ex) {
                // closed: the test is over
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
