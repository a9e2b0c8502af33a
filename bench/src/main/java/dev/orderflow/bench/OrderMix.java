package dev.orderflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What the benchmark orders. Every name carries the run's id, so the checks at the end find exactly this run's
 * orders and SKUs even on a system that holds others.
 *
 * <p>Every regular SKU gets the contract's maximum stock, so whether an order is confirmed never depends on how
 * long the run was; a share of orders asks for a sold-out SKU as well, so the rejection path (all or nothing:
 * none of that order's lines is reserved) runs at a known rate.
 */
record OrderMix(String runId, int skus, int hotSkus, double hotShare, IntRange lines, IntRange units,
        double cancelShare, double rejectShare) {

    static final int FULL_STOCK = 1_000_000;
    static final int CUSTOMERS = 1000;
    static final long MAX_CANCEL_DELAY_MILLIS = 200;

    OrderMix {
        if (skus < 1 || hotSkus < 0 || hotSkus > skus) {
            throw new IllegalArgumentException("need at least one SKU and at most as many hot SKUs as SKUs");
        }
        if (lines.max() > skus) {
            throw new IllegalArgumentException("an order's lines name distinct SKUs: at most " + skus + " lines");
        }
        requireShare("hot share", hotShare);
        requireShare("cancel share", cancelShare);
        requireShare("reject share", rejectShare);
    }

    private static void requireShare(String name, double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + share);
        }
    }

    /** One order to place; {@code cancelAfterMillis} is negative for an order that stays. */
    record PlannedOrder(String customerId, List<Line> lines, long cancelAfterMillis) {

        boolean cancels() {
            return cancelAfterMillis >= 0;
        }
    }

    record Line(String sku, int quantity) {
    }

    /** Prefix of every customerId of the run. */
    String customerPrefix() {
        return "bench-" + runId + "-";
    }

    String skuPrefix() {
        return "BENCH-" + runId.toUpperCase() + "-";
    }

    String sku(int index) {
        return skuPrefix() + String.format("%02d", index + 1);
    }

    String soldOutSku() {
        return skuPrefix() + "SOLD-OUT";
    }

    /** The stock every SKU of the run starts with, set through the API before the load. */
    Map<String, Integer> initialStock() {
        Map<String, Integer> stock = new LinkedHashMap<>();
        for (int i = 0; i < skus; i++) {
            stock.put(sku(i), FULL_STOCK);
        }
        stock.put(soldOutSku(), 0);
        return stock;
    }

    PlannedOrder next(RandomGenerator random) {
        int lineCount = lines.pick(random);
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < lineCount) {
            if (!chosen.add(pickSku(random))) {
                chosen.add(unusedSku(random, chosen));
            }
        }
        List<Line> orderLines = new ArrayList<>();
        chosen.forEach(sku -> orderLines.add(new Line(sku, units.pick(random))));
        if (random.nextDouble() < rejectShare) {
            orderLines.add(new Line(soldOutSku(), 1));
        }
        long cancelAfter = random.nextDouble() < cancelShare ? random.nextLong(MAX_CANCEL_DELAY_MILLIS + 1) : -1;
        return new PlannedOrder(customerPrefix() + random.nextInt(1, CUSTOMERS + 1), List.copyOf(orderLines), cancelAfter);
    }

    /** A SKU the order does not name yet: lines must name distinct SKUs even when the hot ones are taken. */
    private String unusedSku(RandomGenerator random, Set<String> chosen) {
        List<String> unused = new ArrayList<>();
        for (int i = 0; i < skus; i++) {
            if (!chosen.contains(sku(i))) {
                unused.add(sku(i));
            }
        }
        return unused.get(random.nextInt(unused.size()));
    }

    private String pickSku(RandomGenerator random) {
        boolean hot = hotSkus > 0 && (hotSkus == skus || random.nextDouble() < hotShare);
        return hot ? sku(random.nextInt(hotSkus)) : sku(hotSkus + random.nextInt(skus - hotSkus));
    }
}
