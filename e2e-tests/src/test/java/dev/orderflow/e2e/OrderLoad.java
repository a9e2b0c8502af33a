package dev.orderflow.e2e;

import dev.orderflow.e2e.GatewayClient.Line;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients placing orders for a few hot SKUs at a steady pace through the gateway, several at a time, and
 * cancelling some of them soon after (some still PENDING, some already CONFIRMED), so reservations contend
 * for the same stock rows. Records which orders the gateway accepted ({@code 202}): exactly those the system
 * has promised to process. A refused or failed request (say while order-service is down) promises nothing.
 */
public final class OrderLoad {

    private static final Duration MAX_CANCEL_DELAY = Duration.ofMillis(1_500);

    private final GatewayClient gateway;
    private final ScheduledExecutorService clients = Executors.newScheduledThreadPool(6);
    private final List<ScheduledFuture<?>> placements = new ArrayList<>();
    private final Queue<ScheduledFuture<?>> cancellations = new ConcurrentLinkedQueue<>();
    private final Map<String, List<Line>> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger cancelsAccepted = new AtomicInteger();
    private final AtomicInteger cancelsRefused = new AtomicInteger();

    private OrderLoad(GatewayClient gateway) {
        this.gateway = gateway;
    }

    /**
     * Places {@code orders} orders of {@code customer} spread evenly over {@code spread}, each of one or two lines of 1..3 units of
     * {@code skus}; cancels about {@code cancelShare} of the accepted ones within 1.5 s. The same {@code seed}
     * gives the same orders.
     */
    public static OrderLoad start(GatewayClient gateway, String customer, List<String> skus, int orders, Duration spread,
            double cancelShare, long seed) {
        OrderLoad load = new OrderLoad(gateway);
        Random random = new Random(seed);
        long intervalMicros = spread.toNanos() / 1_000 / orders;
        for (int i = 0; i < orders; i++) {
            List<Line> lines = randomLines(random, skus);
            boolean cancel = random.nextDouble() < cancelShare;
            long cancelDelayMillis = random.nextLong(MAX_CANCEL_DELAY.toMillis());
            load.placements.add(load.clients.schedule(() -> load.place(customer, lines, cancel, cancelDelayMillis),
                    i * intervalMicros, TimeUnit.MICROSECONDS));
        }
        return load;
    }

    private void place(String customerId, List<Line> lines, boolean cancel, long cancelDelayMillis) {
        try {
            JsonResponse placed = gateway.placeOrder(customerId, lines.toArray(Line[]::new));
            if (placed.status() != 202) {
                refused.incrementAndGet();
                return;
            }
            String orderId = placed.field("orderId");
            accepted.put(orderId, lines);
            if (cancel) {
                cancellations.add(clients.schedule(() -> cancel(orderId), cancelDelayMillis, TimeUnit.MILLISECONDS));
            }
        } catch (RuntimeException connectionFailed) {
            refused.incrementAndGet();
        }
    }

    private void cancel(String orderId) {
        try {
            // 409 when the order was rejected first: a cancel the system rightly refuses.
            (gateway.cancelOrder(orderId).status() == 202 ? cancelsAccepted : cancelsRefused).incrementAndGet();
        } catch (RuntimeException connectionFailed) {
            cancelsRefused.incrementAndGet();
        }
    }

    /** How many orders the gateway has accepted so far. */
    public int acceptedSoFar() {
        return accepted.size();
    }

    /** Waits until every order has been placed and every cancel sent, then reports what the clients saw. */
    public Result awaitSent(Duration timeout) {
        try {
            for (ScheduledFuture<?> placement : placements) {
                placement.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (ScheduledFuture<?> cancellation : cancellations) {
                cancellation.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The load's clients did not finish: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the load", e);
        } finally {
            clients.shutdownNow();
        }
        return new Result(Map.copyOf(accepted), refused.get(), cancelsAccepted.get(), cancelsRefused.get());
    }

    /** What the clients saw: the accepted orders with their lines, and how many requests were refused. */
    public record Result(Map<String, List<Line>> accepted, int refused, int cancelsAccepted, int cancelsRefused) {
    }

    private static List<Line> randomLines(Random random, List<String> skus) {
        List<String> shuffled = new ArrayList<>(skus);
        Collections.shuffle(shuffled, random);
        int lineCount = 1 + random.nextInt(Math.min(2, skus.size()));
        return shuffled.subList(0, lineCount).stream().map(sku -> new Line(sku, 1 + random.nextInt(3))).toList();
    }
}
