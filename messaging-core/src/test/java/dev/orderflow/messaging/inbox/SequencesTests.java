package dev.orderflow.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Statement;
import org.junit.jupiter.api.Test;

class SequencesTests {

    @Test
    void expectsTheFirstSequenceWhenNothingWasAppliedAndTheNextOneAfterwards() {
        assertThat(Sequences.expectedAfter(null)).isEqualTo(1);
        assertThat(Sequences.expectedAfter(0L)).isEqualTo(1);
        assertThat(Sequences.expectedAfter(4L)).isEqualTo(5);
    }

    @Test
    void callsAGapOrAnOvertakenEventOutOfOrderButNeverOneThatWasNotChecked() {
        assertThat(Sequences.outOfOrder(3, 3)).isFalse();
        assertThat(Sequences.outOfOrder(4, 3)).as("a gap").isTrue();
        assertThat(Sequences.outOfOrder(2, 3)).as("overtaken").isTrue();
        assertThat(Sequences.outOfOrder(7, Sequences.NOT_CHECKED)).isFalse();
    }

    @Test
    void tellsANewEventFromARedeliveryByTheUpdateCountAndRefusesToGuessAMergedBatch() {
        assertThat(ProcessedEvents.insertedOne(1)).isTrue();
        assertThat(ProcessedEvents.insertedOne(0)).isFalse();
        assertThatThrownBy(() -> ProcessedEvents.insertedOne(Statement.SUCCESS_NO_INFO))
                .hasMessageContaining("reWriteBatchedInserts");
    }
}
