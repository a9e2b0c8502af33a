package dev.orderflow.order.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets a bounded number of API requests work at once; the others wait their turn, first come first served, and
 * are refused with 503 ({@link ServiceBusyException}) if it does not come within the queue timeout.
 *
 * <p>Why: on virtual threads Tomcat admits every request. Under overload hundreds of them then share the two
 * carrier threads, and a request holding a pooled connection waits behind all of them for CPU between its
 * statements: connections were held for 215 ms on average instead of a few, the pool ran dry, and the stock
 * replies' listener starved with it. Waiting here costs no CPU and holds no connection. Spring's
 * {@code @ConcurrencyLimit} either waits without bound or refuses at once; this waits a bounded time.
 */
@Component
class AdmissionControl implements HandlerInterceptor {

    private final Semaphore turns;
    private final long queueTimeoutNanos;

    AdmissionControl(AdmissionProperties properties) {
        this.turns = new Semaphore(properties.maxConcurrentRequests(), true);
        this.queueTimeoutNanos = properties.queueTimeout().toNanos();
    }

    /** Runs before the body is read, so a waiting request has cost next to nothing yet. */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws InterruptedException {
        if (!turns.tryAcquire(queueTimeoutNanos, TimeUnit.NANOSECONDS)) {
            throw new ServiceBusyException();
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        turns.release();
    }
}
