package dev.orderflow.console.domain;

import java.time.Instant;
import java.util.List;

/**
 * The cluster as the Admin API describes it.
 *
 * @param controller the KRaft quorum, or null when the broker would not describe it
 * @param error      why Kafka could not be described, or null; the rest is then empty
 */
public record ClusterView(Instant at, String clusterId, List<Broker> brokers, Quorum controller, List<Topic> topics,
        String error) {

    public static ClusterView unavailable(Instant at, String error) {
        return new ClusterView(at, null, List.of(), null, List.of(), error);
    }

    public record Broker(int id, String host, int port, String rack) {
    }

    /**
     * @param leaderId the active controller
     * @param voters   the controllers that vote, with how far their metadata log has come
     */
    public record Quorum(int leaderId, long leaderEpoch, long highWatermark, List<Voter> voters, List<Voter> observers,
            String error) {
    }

    /** @param lastCaughtUpAgoMs how long ago it last caught up with the leader, or null when unknown */
    public record Voter(int id, long logEndOffset, Long lastCaughtUpAgoMs) {
    }

    /** @param records records held now (log end − log start), summed over partitions */
    public record Topic(String name, List<Partition> partitions, long logEndOffset, long records) {
    }

    public record Partition(int partition, Integer leader, List<Integer> replicas, List<Integer> isr, long logStartOffset,
            long logEndOffset) {
    }
}
