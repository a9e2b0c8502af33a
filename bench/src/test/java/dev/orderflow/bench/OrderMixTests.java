package dev.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.bench.OrderMix.Line;
import dev.orderflow.bench.OrderMix.PlannedOrder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderMixTests {

    private final OrderMix mix = new OrderMix("r1", 10, 2, 0.5, new IntRange(1, 3), new IntRange(1, 3), 0.1, 0.05);

    @Test
    void namesEverythingAfterTheRun() {
        PlannedOrder order = mix.next(new SplittableRandom(1));

        assertThat(order.customerId()).startsWith("bench-r1-");
        assertThat(order.lines()).allSatisfy(line -> assertThat(line.sku()).startsWith("BENCH-R1-"));
        assertThat(mix.initialStock()).hasSize(11).containsEntry("BENCH-R1-01", OrderMix.FULL_STOCK).containsEntry("BENCH-R1-SOLD-OUT", 0);
    }

    @Test
    void drawsOrdersWithinTheMixAndDistinctSkus() {
        SplittableRandom random = new SplittableRandom(7);
        List<PlannedOrder> orders = IntStream.range(0, 10_000).mapToObj(any -> mix.next(random)).toList();

        assertThat(orders).allSatisfy(order -> {
            List<Line> regular = order.lines().stream().filter(line -> !line.sku().equals(mix.soldOutSku())).toList();
            assertThat(regular).hasSizeBetween(1, 3).allSatisfy(line -> assertThat(line.quantity()).isBetween(1, 3));
            assertThat(order.lines().stream().map(Line::sku).distinct()).hasSameSizeAs(order.lines());
        });
        assertThat(share(orders, PlannedOrder::cancels)).isBetween(0.08, 0.12);
        assertThat(share(orders, order -> order.lines().stream().anyMatch(line -> line.sku().equals(mix.soldOutSku()))))
                .isBetween(0.04, 0.06);
        assertThat(orders.stream().filter(PlannedOrder::cancels).mapToLong(PlannedOrder::cancelAfterMillis))
                .allSatisfy(delay -> assertThat(delay).isBetween(0L, OrderMix.MAX_CANCEL_DELAY_MILLIS));
    }

    @Test
    void sendsTheHotShareOfLinesToTheHotSkus() {
        SplittableRandom random = new SplittableRandom(3);
        OrderMix oneLine = new OrderMix("r2", 10, 2, 0.5, new IntRange(1, 1), new IntRange(1, 1), 0, 0);

        double hot = share(IntStream.range(0, 10_000).mapToObj(any -> oneLine.next(random)).toList(),
                order -> order.lines().get(0).sku().compareTo(oneLine.sku(1)) <= 0);

        assertThat(hot).isBetween(0.47, 0.53);
    }

    @Test
    void findsDistinctSkusWhenEveryLineWantsAHotOne() {
        OrderMix allHot = new OrderMix("r3", 3, 1, 1.0, new IntRange(3, 3), new IntRange(1, 1), 0, 0);

        assertThat(allHot.next(new SplittableRandom(5)).lines()).extracting(Line::sku)
                .containsExactlyInAnyOrder(allHot.sku(0), allHot.sku(1), allHot.sku(2));
    }

    @Test
    void refusesMoreLinesThanSkus() {
        assertThatThrownBy(() -> new OrderMix("r", 2, 1, 0.5, new IntRange(1, 3), new IntRange(1, 1), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double share(List<PlannedOrder> orders, java.util.function.Predicate<PlannedOrder> which) {
        return orders.stream().filter(which).count() / (double) orders.size();
    }
}
