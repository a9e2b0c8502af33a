package dev.orderflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out TCP ports that nothing listens on, never the same one twice in a test run: the processes started
 * by the tests bind them a little later, and the default ports (8080-8083, 9092, 9093) may be in use by a
 * local run on the same machine.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    public static synchronized int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open a server socket to find a free port", e);
            }
        }
        throw new IllegalStateException("No unused free port found in 100 attempts");
    }

    /** Whether a server could bind {@code port} now, i.e. no process listens on it any more. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
