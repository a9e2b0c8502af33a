package dev.orderflow.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordedNotificationTests {

    @Test
    void expectsTheFirstSequenceForAnOrderWithNothingStored() {
        RecordedNotification first = new RecordedNotification(true, "m", null);

        assertThat(first.outOfOrder(1)).isFalse();
        assertThat(first.outOfOrder(2)).isTrue();
    }

    @Test
    void expectsTheSequenceAfterTheHighestStored() {
        RecordedNotification afterTwo = new RecordedNotification(true, "m", 2L);

        assertThat(afterTwo.outOfOrder(3)).isFalse();
        assertThat(afterTwo.outOfOrder(5)).as("a gap").isTrue();
        assertThat(afterTwo.outOfOrder(1)).as("overtaken by a later event").isTrue();
    }

    @Test
    void neverCallsADuplicateOutOfOrder() {
        RecordedNotification duplicate = new RecordedNotification(false, "m", 7L);

        assertThat(duplicate.duplicate()).isTrue();
        assertThat(duplicate.outOfOrder(1)).isFalse();
    }
}
