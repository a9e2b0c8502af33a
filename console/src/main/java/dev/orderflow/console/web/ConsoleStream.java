package dev.orderflow.console.web;

import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.console.domain.DeadLetter;
import dev.orderflow.console.domain.DeadLetterLog;
import dev.orderflow.console.domain.LiveViews;
import dev.orderflow.console.domain.OrderBoard;
import dev.orderflow.console.domain.OrderView;
import dev.orderflow.console.messaging.ConsoleConsumer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The pages' Server-Sent Events: every view the watchers retain as it changes, and every {@code publish-interval}
 * the orders that changed, at most {@code max-updates-per-push} of them (the rest follow in the next push).
 */
@Component
public class ConsoleStream {

    private static final Logger log = LoggerFactory.getLogger(ConsoleStream.class);
    /** A page reconnects by itself (EventSource) when its stream ends; this bounds what a vanished page holds. */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(15);
    static final int LATEST_ON_CONNECT = 50;

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private final OrderBoard board;
    private final DeadLetterLog deadLetters;
    private final ConsoleConsumer consumer;
    private final LiveViews views;
    private final ConsoleProperties properties;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private List<DeadLetter> lastDeadLetters;

    public ConsoleStream(OrderBoard board, DeadLetterLog deadLetters, ConsoleConsumer consumer, LiveViews views,
            ConsoleProperties properties, TaskScheduler scheduler, Clock clock) {
        this.board = board;
        this.deadLetters = deadLetters;
        this.consumer = consumer;
        this.views = views;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
        views.listen(this::broadcast);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::push, properties.publishInterval());
    }

    SseEmitter connect() {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        emitter.onCompletion(() -> remove(emitter));
        emitter.onTimeout(() -> remove(emitter));
        emitter.onError(e -> remove(emitter));
        Instant now = clock.instant();
        try {
            send(emitter, "orders", new Orders(now, true, board.latest(LATEST_ON_CONNECT), stats(now, 0)));
            for (Map.Entry<String, Object> view : views.retained().entrySet()) {
                send(emitter, view.getKey(), view.getValue());
            }
        } catch (IOException e) {
            return emitter;
        }
        emitters.add(emitter);
        log.info("A page connected to the live stream ({} open)", emitters.size());
        return emitter;
    }

    void push() {
        Instant now = clock.instant();
        OrderBoard.Updates updates = board.drain(properties.maxUpdatesPerPush());
        views.emit("orders", new Orders(now, false, updates.orders(), stats(now, updates.heldBack())));
        List<DeadLetter> latest = deadLetters.latest();
        if (!latest.equals(lastDeadLetters)) {
            lastDeadLetters = latest;
            views.update("deadLetters", new DeadLetters(now, latest));
        }
    }

    private Stats stats(Instant now, int heldBack) {
        OrderBoard.Stats s = board.stats(now);
        return new Stats(s.ordersSeen(), s.ordersFollowed(), s.recordsSeen(), s.newOrdersPerSecond(),
                s.sampleDivisor(), s.maxNewOrdersPerSecond(), heldBack, properties.maxUpdatesPerPush(),
                properties.publishInterval().toMillis(), consumer.partitionsReading());
    }

    private void broadcast(String name, Object data) {
        for (SseEmitter emitter : emitters) {
            try {
                send(emitter, name, data);
            } catch (IOException | IllegalStateException e) {
                remove(emitter);
            }
        }
    }

    private static void send(SseEmitter emitter, String name, Object data) throws IOException {
        emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
    }

    private void remove(SseEmitter emitter) {
        if (emitters.remove(emitter)) {
            log.info("A page left the live stream ({} open)", emitters.size());
        }
    }

    /**
     * The {@code orders} event.
     *
     * @param snapshot true for the first event of a connection: the latest followed orders, newest first; false for
     *                 a push: the orders that changed since the previous push
     */
    public record Orders(Instant at, boolean snapshot, List<OrderView> orders, Stats stats) {
    }

    /**
     * @param ordersSeen         every OrderPlaced read since the console started
     * @param ordersFollowed     orders the console keeps (and the page can show)
     * @param newOrdersPerSecond in the last whole second
     * @param sampleDivisor      1: every order is followed; N: one in N (chosen by orderId)
     * @param heldBack           changed orders waiting for the next push
     * @param partitionsReading  partitions the console's consumer reads
     */
    public record Stats(long ordersSeen, int ordersFollowed, long recordsSeen, long newOrdersPerSecond,
            int sampleDivisor, int maxNewOrdersPerSecond, int heldBack, int maxUpdatesPerPush, long publishIntervalMs,
            int partitionsReading) {
    }

    /** The {@code deadLetters} event: the latest dead letters, newest first. */
    public record DeadLetters(Instant at, List<DeadLetter> latest) {
    }
}
