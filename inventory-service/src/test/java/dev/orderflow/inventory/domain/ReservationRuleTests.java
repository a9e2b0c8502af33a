package dev.orderflow.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservationRuleTests {

    @Test
    void grantsEveryLineWhenEachIsCovered() {
        ReservationDecision decision = ReservationRule.decide(
                List.of(new StockLine("SKU-001", 2), new StockLine("SKU-002", 3)),
                Map.of("SKU-001", 2, "SKU-002", 10));

        assertThat(decision.granted()).isTrue();
        assertThat(decision.lines()).containsExactly(new StockLine("SKU-001", 2), new StockLine("SKU-002", 3));
        assertThat(decision.reason()).isEmpty();
    }

    @Test
    void grantsNothingAndNamesEverySkuThatStandsInTheWay() {
        ReservationDecision decision = ReservationRule.decide(
                List.of(new StockLine("SKU-404", 1), new StockLine("SKU-001", 1), new StockLine("SKU-002", 5)),
                Map.of("SKU-001", 1, "SKU-002", 3));

        assertThat(decision.granted()).isFalse();
        assertThat(decision.lines()).isEmpty();
        assertThat(decision.reason())
                .isEqualTo("unknown SKU SKU-404; insufficient stock for SKU-002 (requested 5, available 3)");
    }

    @Test
    void addsUpLinesThatRepeatASku() {
        ReservationDecision decision = ReservationRule.decide(
                List.of(new StockLine("SKU-001", 2), new StockLine("SKU-001", 2)), Map.of("SKU-001", 3));

        assertThat(decision.granted()).isFalse();
        assertThat(decision.reason()).isEqualTo("insufficient stock for SKU-001 (requested 4, available 3)");
    }

    @Test
    void rejectsAnOrderWithoutLinesOrWithANonPositiveQuantity() {
        assertThat(ReservationRule.decide(List.of(), Map.of()).reason()).isEqualTo("order has no lines");
        assertThat(ReservationRule.decide(List.of(new StockLine("SKU-001", 0)), Map.of("SKU-001", 5)).reason())
                .isEqualTo("invalid quantity 0 for SKU-001");
    }
}
