package dev.orderflow.console.domain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Where the watchers leave what they saw and the page's stream picks it up. A retained view (the cluster, the groups,
 * the metrics) is kept so that a page that connects later gets it at once; a passing one (order updates) is only
 * handed on.
 */
public final class LiveViews {

    private final Map<String, Object> retained = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, Object>> listeners = new CopyOnWriteArrayList<>();

    public void update(String name, Object view) {
        retained.put(name, view);
        emit(name, view);
    }

    public void emit(String name, Object view) {
        listeners.forEach(l -> l.accept(name, view));
    }

    public Map<String, Object> retained() {
        return Map.copyOf(retained);
    }

    public void listen(BiConsumer<String, Object> listener) {
        listeners.add(listener);
    }
}
