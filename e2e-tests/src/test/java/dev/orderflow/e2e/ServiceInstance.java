package dev.orderflow.e2e;

import java.net.URI;

/** One running copy of a service: its process and the port its HTTP server listens on. */
public record ServiceInstance(Service service, ManagedProcess process, int port) {

    /** The instance's name, also the name of its log file, e.g. {@code inventory-service-2}. */
    public String name() {
        return process.name();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }
}
