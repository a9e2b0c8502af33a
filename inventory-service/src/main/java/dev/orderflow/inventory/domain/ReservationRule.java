package dev.orderflow.inventory.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All or nothing: an order gets every line it asks for, or nothing at all and a reason that names every
 * SKU that stood in the way, so the customer learns everything wrong with the order at once.
 */
public final class ReservationRule {

    private ReservationRule() {
    }

    /**
     * @param requested        the order's lines, in the order's own order
     * @param availableBySku   the available units of each requested SKU that exists
     */
    public static ReservationDecision decide(List<StockLine> requested, Map<String, Integer> availableBySku) {
        List<StockLine> lines = mergeBySku(requested);
        if (lines.isEmpty()) {
            return ReservationDecision.rejected(List.of("order has no lines"));
        }
        List<String> problems = new ArrayList<>();
        for (StockLine line : lines) {
            Integer available = availableBySku.get(line.sku());
            if (line.quantity() < 1) {
                problems.add("invalid quantity " + line.quantity() + " for " + line.sku());
            } else if (available == null) {
                problems.add("unknown SKU " + line.sku());
            } else if (line.quantity() > available) {
                problems.add("insufficient stock for " + line.sku()
                        + " (requested " + line.quantity() + ", available " + available + ")");
            }
        }
        return problems.isEmpty() ? ReservationDecision.granted(lines) : ReservationDecision.rejected(problems);
    }

    /** The contract asks for distinct SKUs; should an order repeat one, its quantities add up. */
    static List<StockLine> mergeBySku(List<StockLine> requested) {
        Map<String, Integer> quantityBySku = new LinkedHashMap<>();
        for (StockLine line : requested) {
            quantityBySku.merge(line.sku(), line.quantity(), Integer::sum);
        }
        List<StockLine> merged = new ArrayList<>(quantityBySku.size());
        quantityBySku.forEach((sku, quantity) -> merged.add(new StockLine(sku, quantity)));
        return merged;
    }
}
