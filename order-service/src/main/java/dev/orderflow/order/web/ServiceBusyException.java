package dev.orderflow.order.web;

/** A request waited longer than the queue timeout for its turn ({@link AdmissionControl}); nothing was done. */
class ServiceBusyException extends RuntimeException {

    ServiceBusyException() {
        super("every request slot stayed busy", null, false, false);
    }
}
