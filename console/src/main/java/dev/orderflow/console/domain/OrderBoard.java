package dev.orderflow.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The orders the console follows and, for each of their records, when each consumer group was seen handling it.
 *
 * <p>A group has handled a record once its committed offset on the record's partition is past the record's offset:
 * the lanes come from the offsets the groups commit anyway, so the services do no extra work for the console. Which
 * groups read a topic is learnt the same way (a group with a committed offset on it). Changed orders are kept in an
 * ordered set and handed out a bounded number at a time ({@link #drain(int)}), so the page receives at most so many
 * updates per push whatever the rate; a later push takes the rest.
 */
public final class OrderBoard {

    private final List<String> groups;
    private final int capacity;
    private final OrderSampler sampler;
    private final LinkedHashMap<UUID, TrackedOrder> orders = new LinkedHashMap<>();
    private final LinkedHashSet<UUID> changed = new LinkedHashSet<>();
    private final Map<String, Map<PartitionRef, Long>> committedByGroup = new HashMap<>();
    private final Map<String, Set<String>> readersByTopic = new HashMap<>();
    private long ordersSeen;
    private long recordsSeen;

    /**
     * @param groups   the consumer groups, in the order their lanes are shown
     * @param capacity followed orders kept; the oldest is forgotten first
     */
    public OrderBoard(List<String> groups, int capacity, OrderSampler sampler) {
        this.groups = List.copyOf(groups);
        this.capacity = capacity;
        this.sampler = sampler;
    }

    /** A record of an order, from any topic the console reads; only followed orders are kept. */
    public synchronized void seen(UUID orderId, String customerId, SeenRecord record, Instant now) {
        recordsSeen++;
        TrackedOrder order = orders.get(orderId);
        if (order == null) {
            if (record.deadLetter() || !"OrderPlaced".equals(record.eventType())) {
                return; // placed before the console started, or not followed
            }
            ordersSeen++;
            if (!sampler.follow(orderId, now)) {
                return;
            }
            order = new TrackedOrder(orderId, customerId, record);
            orders.put(orderId, order);
            forgetOldest();
        }
        Entry entry = order.add(record);
        markHandled(entry, now);
        changed.add(orderId);
    }

    /** A group's committed offsets, as the Admin API reported them; marks what the group has handled since. */
    public synchronized void committed(String group, Map<PartitionRef, Long> offsets, Instant now) {
        committedByGroup.put(group, Map.copyOf(offsets));
        offsets.keySet().forEach(p -> readersByTopic.computeIfAbsent(p.topic(), t -> new LinkedHashSet<>()).add(group));
        for (TrackedOrder order : orders.values()) {
            boolean moved = false;
            for (Entry entry : order.entries) {
                moved |= markHandled(entry, now);
            }
            if (moved) {
                changed.add(order.orderId);
            }
        }
    }

    /** Up to {@code max} orders that changed since the last call, the longest waiting first. */
    public synchronized Updates drain(int max) {
        List<OrderView> views = new ArrayList<>();
        Iterator<UUID> it = changed.iterator();
        while (it.hasNext() && views.size() < max) {
            TrackedOrder order = orders.get(it.next());
            it.remove();
            if (order != null) {
                views.add(view(order));
            }
        }
        return new Updates(views, changed.size());
    }

    /** The {@code n} most recently placed followed orders, newest first. */
    public synchronized List<OrderView> latest(int n) {
        List<TrackedOrder> all = new ArrayList<>(orders.values());
        Collections.reverse(all);
        return all.stream().limit(n).map(this::view).toList();
    }

    public synchronized Optional<OrderStory> story(UUID orderId, String traceUrlTemplate) {
        TrackedOrder order = orders.get(orderId);
        if (order == null) {
            return Optional.empty();
        }
        List<StoryEntry> entries = order.entries.stream().map(e -> new StoryEntry(e.record.timestamp(),
                e.record.topic(), e.record.partition(), e.record.offset(), e.record.eventType(), e.record.sequence(),
                e.record.eventId(), e.record.traceId(), e.record.detail(), e.record.deadLetter(),
                handledAfter(order, e))).toList();
        return Optional.of(OrderStory.assemble(order.orderId, order.customerId, order.status(), order.placedAt,
                entries, traceUrlTemplate));
    }

    public synchronized Stats stats(Instant now) {
        sampler.tick(now);
        return new Stats(ordersSeen, orders.size(), recordsSeen, sampler.lastSecondRate(), sampler.divisor(),
                sampler.maxPerSecond(), changed.size());
    }

    private boolean markHandled(Entry entry, Instant now) {
        if (entry.record.deadLetter()) {
            return false;
        }
        boolean moved = false;
        for (String group : readersOf(entry.record.topic())) {
            Map<PartitionRef, Long> committed = committedByGroup.getOrDefault(group, Map.of());
            if (!entry.handledAt.containsKey(group) && entry.record.handledAt(committed.get(entry.record.partitionRef()))) {
                entry.handledAt.put(group, now);
                moved = true;
            }
        }
        return moved;
    }

    private Set<String> readersOf(String topic) {
        return readersByTopic.getOrDefault(topic, Set.of());
    }

    private Map<String, Long> handledAfter(TrackedOrder order, Entry entry) {
        Map<String, Long> handled = new LinkedHashMap<>();
        if (entry.record.deadLetter()) {
            return handled;
        }
        for (String group : groupsInOrder(readersOf(entry.record.topic()))) {
            Instant at = entry.handledAt.get(group);
            handled.put(group, at == null ? null : Math.max(0, Duration.between(order.placedAt, at).toMillis()));
        }
        return handled;
    }

    private List<String> groupsInOrder(Set<String> readers) {
        List<String> ordered = new ArrayList<>(groups.stream().filter(readers::contains).toList());
        readers.stream().filter(g -> !ordered.contains(g)).forEach(ordered::add);
        return ordered;
    }

    private OrderView view(TrackedOrder order) {
        Map<String, List<LaneEntry>> lanes = new LinkedHashMap<>();
        groups.forEach(g -> lanes.put(g, new ArrayList<>()));
        int deadLetters = 0;
        for (Entry entry : order.entries) {
            if (entry.record.deadLetter()) {
                deadLetters++;
                continue;
            }
            handledAfter(order, entry).forEach((group, after) -> lanes.computeIfAbsent(group, g -> new ArrayList<>())
                    .add(new LaneEntry(entry.record.eventType(), entry.record.topic(), entry.record.partition(),
                            entry.record.offset(), entry.record.sequence(), after)));
        }
        lanes.values().forEach(l -> l.sort((a, b) -> a.topic().equals(b.topic())
                ? Long.compare(a.offset(), b.offset()) : a.topic().compareTo(b.topic())));
        return new OrderView(order.orderId, order.customerId, order.partition, order.placedOffset, order.placedAt,
                order.status(), lanes, deadLetters);
    }

    private void forgetOldest() {
        while (orders.size() > capacity) {
            UUID oldest = orders.keySet().iterator().next();
            orders.remove(oldest);
            changed.remove(oldest);
        }
    }

    /** What one push carries: the changed orders it takes, and how many changed orders wait for the next. */
    public record Updates(List<OrderView> orders, int heldBack) {
    }

    /**
     * @param ordersSeen      every OrderPlaced read since start, followed or not
     * @param ordersFollowed  the followed orders kept now
     * @param newOrdersPerSecond new orders in the last whole second
     * @param sampleDivisor   1: every order followed; N: 1 in N
     * @param heldBack        changed orders waiting for the next push
     */
    public record Stats(long ordersSeen, int ordersFollowed, long recordsSeen, long newOrdersPerSecond,
            int sampleDivisor, int maxNewOrdersPerSecond, int heldBack) {
    }

    private static final class TrackedOrder {

        final UUID orderId;
        final String customerId;
        final int partition;
        final long placedOffset;
        final Instant placedAt;
        final List<Entry> entries = new ArrayList<>();

        TrackedOrder(UUID orderId, String customerId, SeenRecord placed) {
            this.orderId = orderId;
            this.customerId = customerId;
            this.partition = placed.partition();
            this.placedOffset = placed.offset();
            this.placedAt = placed.timestamp();
        }

        Entry add(SeenRecord record) {
            for (Entry existing : entries) {
                if (existing.record.topic().equals(record.topic()) && existing.record.partition() == record.partition()
                        && existing.record.offset() == record.offset()) {
                    return existing; // read again after a rebalance
                }
            }
            Entry entry = new Entry(record);
            entries.add(entry);
            return entry;
        }

        /** The status the latest order event (by sequence) sets; inventory's events and dead letters set none. */
        OrderStatus status() {
            OrderStatus status = OrderStatus.PENDING;
            long latest = 0;
            for (Entry entry : entries) {
                SeenRecord r = entry.record;
                Optional<OrderStatus> after = r.deadLetter() ? Optional.empty() : OrderStatus.after(r.eventType());
                if (after.isPresent() && r.sequence() > latest) {
                    latest = r.sequence();
                    status = after.get();
                }
            }
            return status;
        }
    }

    private static final class Entry {

        final SeenRecord record;
        final Map<String, Instant> handledAt = new HashMap<>();

        Entry(SeenRecord record) {
            this.record = record;
        }
    }
}
