package dev.orderflow.notification.domain;

/**
 * What recording an order event did: stored its notification, or recognised a redelivery and stored
 * nothing.
 *
 * @param stored                false when the event already had its notification (a duplicate)
 * @param message               the customer-facing text of the event
 * @param highestSequenceBefore the highest sequence stored for the order before this event, null if none
 */
public record RecordedNotification(boolean stored, String message, Long highestSequenceBefore) {

    public boolean duplicate() {
        return !stored;
    }

    /** The sequence that would follow what was stored for the order. */
    public long expectedSequence() {
        return highestSequenceBefore == null ? 1 : highestSequenceBefore + 1;
    }

    /** A stored event whose sequence is not the next one: a gap, or an event overtaken by a later one. */
    public boolean outOfOrder(long sequence) {
        return stored && sequence != expectedSequence();
    }
}
