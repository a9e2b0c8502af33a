package dev.orderflow.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * N workers, each sending its next request as soon as its previous one is answered, until the time is up: the
 * system sets the pace, so this finds how much it takes, not how it behaves at a given rate.
 */
final class ClosedLoop {

    private final Executor executor;

    /** Answers are handed to {@code executor} to send the next request, never run on the caller's stack. */
    ClosedLoop(Executor executor) {
        this.executor = executor;
    }

    /** {@code request} must return a future that always completes, also when the call fails. */
    void run(int workers, Duration duration, Supplier<CompletableFuture<?>> request) {
        long deadline = System.nanoTime() + duration.toNanos();
        CountDownLatch finished = new CountDownLatch(workers);
        for (int worker = 0; worker < workers; worker++) {
            next(deadline, request, finished);
        }
        try {
            finished.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the closed loop ran", interrupted);
        }
    }

    private void next(long deadline, Supplier<CompletableFuture<?>> request, CountDownLatch finished) {
        if (System.nanoTime() >= deadline) {
            finished.countDown();
            return;
        }
        request.get().whenCompleteAsync((answer, failure) -> next(deadline, request, finished), executor);
    }
}
