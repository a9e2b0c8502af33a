package dev.orderflow.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LockedInventoryTests {

    private static final Instant READ_AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant NOW = READ_AT.plusSeconds(60);

    private final StockItem apples = new StockItem("APPLE", 5, 0, READ_AT);
    private final StockItem pears = new StockItem("PEAR", 1, 0, READ_AT);
    private final LockedInventory locked = new LockedInventory(
            new HashMap<>(Map.of("APPLE", apples, "PEAR", pears)), new HashMap<>());

    @Test
    void reservesEveryLineAndMarksTheStockAndTheReservationForWriting() {
        OrderReservation reservation = locked.reservationOf(UUID.randomUUID(), NOW);

        ReservationDecision decision = locked.reserve(reservation,
                List.of(new StockLine("APPLE", 2), new StockLine("PEAR", 1)), NOW).orElseThrow();

        assertThat(decision.granted()).isTrue();
        assertThat(apples.getAvailable()).isEqualTo(3);
        assertThat(apples.getReserved()).isEqualTo(2);
        assertThat(pears.getAvailable()).isZero();
        assertThat(apples.isChanged()).isTrue();
        assertThat(apples.getUpdatedAt()).isEqualTo(NOW);
        assertThat(reservation.isOpened()).isTrue();
        assertThat(reservation.getGrantedLines()).containsExactly(new StockLine("APPLE", 2), new StockLine("PEAR", 1));
    }

    @Test
    void reservesNothingWhenOneLineCannotBeMetAndLeavesTheStockUnwritten() {
        OrderReservation reservation = locked.reservationOf(UUID.randomUUID(), NOW);

        ReservationDecision decision = locked.reserve(reservation,
                List.of(new StockLine("APPLE", 2), new StockLine("PEAR", 2), new StockLine("PLUM", 1)), NOW).orElseThrow();

        assertThat(decision.granted()).isFalse();
        assertThat(decision.reason()).isEqualTo(
                "insufficient stock for PEAR (requested 2, available 1); unknown SKU PLUM");
        assertThat(apples.getAvailable()).isEqualTo(5);
        assertThat(apples.isChanged()).isFalse();
        assertThat(pears.isChanged()).isFalse();
        assertThat(reservation.getStatus()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(reservation.getGrantedLines()).isEmpty();
    }

    @Test
    void givesBackWhatAnOrderHeldOnceAndTheSecondOrderInTheSameBatchSeesIt() {
        UUID first = UUID.randomUUID();
        locked.reserve(locked.reservationOf(first, NOW), List.of(new StockLine("PEAR", 1)), NOW);

        assertThat(locked.release(locked.reservationOf(first, NOW), NOW)).containsExactly(new StockLine("PEAR", 1));
        assertThat(locked.release(locked.reservationOf(first, NOW), NOW)).isEmpty();

        OrderReservation second = locked.reservationOf(UUID.randomUUID(), NOW);
        assertThat(locked.reserve(second, List.of(new StockLine("PEAR", 1)), NOW).orElseThrow().granted()).isTrue();
        assertThat(pears.getAvailable()).isZero();
        assertThat(pears.getReserved()).isEqualTo(1);
    }

    @Test
    void leavesAnOrderThatWasAlreadyDecidedAsItIs() {
        OrderReservation stored = OrderReservation.stored(UUID.randomUUID(), ReservationStatus.REJECTED, List.of(), 1, 1,
                READ_AT, READ_AT);

        assertThat(locked.reserve(stored, List.of(new StockLine("APPLE", 1)), NOW)).isEmpty();
        assertThat(stored.isChanged()).isFalse();
        assertThat(apples.getAvailable()).isEqualTo(5);
    }

    @Test
    void refusesToReleaseStockItDidNotLock() {
        OrderReservation holdsPlums = OrderReservation.stored(UUID.randomUUID(), ReservationStatus.HELD,
                List.of(new StockLine("PLUM", 1)), 1, 1, READ_AT, READ_AT);

        assertThatIllegalStateException().isThrownBy(() -> locked.release(holdsPlums, NOW))
                .withMessageContaining("PLUM");
    }
}
