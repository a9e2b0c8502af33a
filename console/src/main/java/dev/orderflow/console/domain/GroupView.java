package dev.orderflow.console.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A consumer group: who owns which partition, how far the group has committed and how far behind it is.
 *
 * @param state      Kafka's group state (Stable, PreparingRebalance, Empty, Dead…)
 * @param totalLag   the sum of the partitions' lags
 */
public record GroupView(String groupId, String state, List<Member> members, List<Row> partitions, long totalLag) {

    public record Member(String memberId, String clientId, String host, List<PartitionRef> assigned) {
    }

    /**
     * @param committed the next offset the group will read, or null when it has committed none
     * @param lag       log end − committed (the whole log when nothing is committed), never below 0
     * @param owner     the member that owns the partition now, or null (a rebalance, or no member)
     */
    public record Row(String topic, int partition, Long committed, long logEndOffset, long lag, Owner owner) {
    }

    public record Owner(String memberId, String clientId, String host) {
    }

    /**
     * Derives the rows: every partition the group has an offset on or a member owns, in topic and partition order.
     *
     * @param logStart log start offsets: a group with no committed offset is behind by what the log holds
     */
    public static GroupView of(String groupId, String state, List<Member> members, Map<PartitionRef, Long> committed,
            Map<PartitionRef, Long> logStart, Map<PartitionRef, Long> logEnd) {
        Map<PartitionRef, Member> owners = new HashMap<>();
        members.forEach(m -> m.assigned().forEach(p -> owners.put(p, m)));
        Set<PartitionRef> partitions = new LinkedHashSet<>(committed.keySet());
        partitions.addAll(owners.keySet());
        List<PartitionRef> sorted = new ArrayList<>(partitions);
        sorted.sort(Comparator.comparing(PartitionRef::topic).thenComparingInt(PartitionRef::partition));
        List<Row> rows = new ArrayList<>();
        long total = 0;
        for (PartitionRef p : sorted) {
            Long at = committed.get(p);
            // Log ends and commits are read a moment apart: a commit past the log end read earlier means the log grew.
            long end = Math.max(logEnd.getOrDefault(p, 0L), at == null ? 0L : at);
            long lag = Math.max(0, end - (at != null ? at : logStart.getOrDefault(p, 0L)));
            Member owner = owners.get(p);
            rows.add(new Row(p.topic(), p.partition(), at, end, lag,
                    owner == null ? null : new Owner(owner.memberId(), owner.clientId(), owner.host())));
            total += lag;
        }
        return new GroupView(groupId, state, List.copyOf(members), rows, total);
    }
}
