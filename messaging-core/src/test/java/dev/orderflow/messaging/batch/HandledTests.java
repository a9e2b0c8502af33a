package dev.orderflow.messaging.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.events.UnreadableEventException;
import dev.orderflow.messaging.FailureLines;
import dev.orderflow.messaging.inbox.Sequences;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

class HandledTests {

    @Test
    void aDuplicateIsSkippedAndNeverOutOfOrder() {
        Handled duplicate = Handled.duplicate();
        assertThat(duplicate.isDuplicate()).isTrue();
        assertThat(duplicate.summary()).isEqualTo("duplicate, skipped");
        assertThat(duplicate.outOfOrder(9)).isFalse();
    }

    @Test
    void anAppliedEventIsOutOfOrderOnlyWhenItsSequenceWasNotTheOneDue() {
        assertThat(new Handled("reserved", "reserved 1 line", 2).outOfOrder(2)).isFalse();
        assertThat(new Handled("reserved", "reserved 1 line", 2).outOfOrder(3)).isTrue();
        assertThat(new Handled("unknown-order", "unknown order, ignored", Sequences.NOT_CHECKED).outOfOrder(3)).isFalse();
    }

    @Test
    void retriesDatabaseOutagesAndLockTimeoutsWithoutLimitWhereverTheyAreWrapped() {
        Exception lockTimeout = new ListenerExecutionFailedException("failed", "group",
                new BatchListenerFailedException("record", new CannotAcquireLockException("lock timeout"), 0));
        assertThat(BatchConsumerConfiguration.isTransient(lockTimeout)).isTrue();
        assertThat(BatchConsumerConfiguration.isTransient(new CannotCreateTransactionException("no connection"))).isTrue();
        assertThat(BatchConsumerConfiguration.isTransient(new CannotGetJdbcConnectionException("down"))).isTrue();
        assertThat(BatchConsumerConfiguration.isTransient(new DataIntegrityViolationException("bad data"))).isFalse();
        assertThat(BatchConsumerConfiguration.isTransient(new UnreadableEventException("unknown event type"))).isFalse();
    }

    @Test
    void describesAFailureInOneLineWithItsInnermostCause() {
        Exception failure = new CannotCreateTransactionException("Could not open connection",
                new ConnectException("Connection refused\n  to localhost:5432"));
        assertThat(FailureLines.describe(failure)).isEqualTo("CannotCreateTransactionException: Could not open connection"
                + " (ConnectException: Connection refused to localhost:5432)");
        assertThat(FailureLines.reason(new IllegalStateException("wrapped",
                new UnreadableEventException("unknown event type 'OrderShipped'", new IllegalArgumentException("x")))))
                .isEqualTo("unknown event type 'OrderShipped'");
    }
}
