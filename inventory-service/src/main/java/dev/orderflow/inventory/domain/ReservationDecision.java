package dev.orderflow.inventory.domain;

import java.util.List;

/** The answer to an order's request for stock: the lines granted, or why nothing was. */
public record ReservationDecision(boolean granted, List<StockLine> lines, List<String> problems) {

    public ReservationDecision {
        lines = List.copyOf(lines);
        problems = List.copyOf(problems);
    }

    static ReservationDecision granted(List<StockLine> lines) {
        return new ReservationDecision(true, lines, List.of());
    }

    static ReservationDecision rejected(List<String> problems) {
        return new ReservationDecision(false, List.of(), problems);
    }

    /** Every problem, e.g. {@code unknown SKU SKU-404; insufficient stock for SKU-002 (requested 5, available 3)}. */
    public String reason() {
        return String.join("; ", problems);
    }
}
