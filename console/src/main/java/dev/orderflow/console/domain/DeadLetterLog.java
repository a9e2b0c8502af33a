package dev.orderflow.console.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The latest dead letters, newest first, at most {@code capacity} of them. */
public final class DeadLetterLog {

    private final int capacity;
    private final Deque<DeadLetter> latest = new ArrayDeque<>();

    public DeadLetterLog(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(DeadLetter deadLetter) {
        if (capacity == 0) {
            return;
        }
        latest.addFirst(deadLetter);
        while (latest.size() > capacity) {
            latest.removeLast();
        }
    }

    public synchronized List<DeadLetter> latest() {
        return new ArrayList<>(latest);
    }
}
