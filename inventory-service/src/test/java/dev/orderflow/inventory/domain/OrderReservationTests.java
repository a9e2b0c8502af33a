package dev.orderflow.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderReservationTests {

    private final OrderReservation reservation = OrderReservation.open(UUID.randomUUID(), Instant.EPOCH);

    @Test
    void releasesWhatItHoldsOnlyOnce() {
        reservation.hold(List.of(new StockLine("SKU-001", 2)), Instant.EPOCH);

        assertThat(reservation.release(Instant.EPOCH)).containsExactly(new StockLine("SKU-001", 2));
        assertThat(reservation.release(Instant.EPOCH)).isEmpty();
        assertThat(reservation.getStatus()).isEqualTo(ReservationStatus.RELEASED);
    }

    @Test
    void neverHoldsStockOnceDecided() {
        reservation.reject(Instant.EPOCH);

        assertThat(reservation.isUndecided()).isFalse();
        assertThatIllegalStateException().isThrownBy(() -> reservation.hold(List.of(new StockLine("SKU-001", 1)), Instant.EPOCH));
    }

    @Test
    void tellsWhichOrderSequenceWasDueAndNeverMovesItsMarkBack() {
        assertThat(reservation.recordOrderSequence(1)).isEqualTo(1);
        assertThat(reservation.recordOrderSequence(3)).isEqualTo(2);
        assertThat(reservation.recordOrderSequence(2)).isEqualTo(4);
        assertThat(reservation.getLastOrderSequence()).isEqualTo(3);
    }

    @Test
    void numbersItsRepliesOneTwoThree() {
        assertThat(List.of(reservation.nextReplySequence(), reservation.nextReplySequence(), reservation.nextReplySequence()))
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void readWithoutItsLinesItRefusesToReleaseWhatItHoldsInsteadOfGivingBackNothing() {
        OrderReservation held = OrderReservation.storedWithoutLines(UUID.randomUUID(), ReservationStatus.HELD, 1, 1,
                Instant.EPOCH, Instant.EPOCH);

        assertThatIllegalStateException().isThrownBy(() -> held.release(Instant.EPOCH))
                .withMessageContaining(held.getOrderId().toString());
        assertThat(held.getStatus()).isEqualTo(ReservationStatus.HELD);
    }

    @Test
    void readWithoutItsLinesAnUndecidedOneCanStillBeHeldAndReleased() {
        OrderReservation undecided = OrderReservation.storedWithoutLines(UUID.randomUUID(), ReservationStatus.NONE,
                2, 0, Instant.EPOCH, Instant.EPOCH);

        undecided.hold(List.of(new StockLine("SKU-001", 3)), Instant.EPOCH);

        assertThat(undecided.release(Instant.EPOCH)).containsExactly(new StockLine("SKU-001", 3));
    }

    @Test
    void readWithoutItsLinesOneNoLongerHoldingReleasesNothing() {
        OrderReservation rejected = OrderReservation.storedWithoutLines(UUID.randomUUID(),
                ReservationStatus.REJECTED, 1, 1, Instant.EPOCH, Instant.EPOCH);

        assertThat(rejected.release(Instant.EPOCH)).isEmpty();
        assertThat(rejected.getStatus()).isEqualTo(ReservationStatus.RELEASED);
    }
}
