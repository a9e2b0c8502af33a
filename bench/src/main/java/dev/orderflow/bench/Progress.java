package dev.orderflow.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** One line per step of the run on stdout, so a long run shows where it is. */
final class Progress {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Progress() {
    }

    static void say(String line) {
        System.out.println("[bench " + TIME.format(LocalTime.now()) + "] " + line);
    }
}
