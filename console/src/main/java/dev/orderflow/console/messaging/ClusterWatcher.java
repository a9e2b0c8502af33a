package dev.orderflow.console.messaging;

import dev.orderflow.console.config.ConsoleProperties;
import dev.orderflow.console.domain.ClusterView;
import dev.orderflow.console.domain.GroupView;
import dev.orderflow.console.domain.LiveViews;
import dev.orderflow.console.domain.OrderBoard;
import dev.orderflow.console.domain.PartitionRef;
import dev.orderflow.events.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Asks the Admin API, every {@code refresh-interval}, for the brokers, the KRaft quorum, the topics' partitions and
 * offsets, and the consumer groups' members and committed offsets. It reads what Kafka keeps anyway: the services do
 * nothing for it. Logs only what changes: Kafka going away or coming back, topics appearing, a group rebalancing.
 */
@Component
public class ClusterWatcher {

    private static final Logger log = LoggerFactory.getLogger(ClusterWatcher.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final ConsoleProperties properties;
    private final OrderBoard board;
    private final LiveViews views;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private final List<String> watchedTopics;

    private String lastError = "";
    private Set<String> lastTopics = Set.of();
    private final Map<String, Map<PartitionRef, String>> lastOwners = new HashMap<>();

    public ClusterWatcher(Admin admin, ConsoleProperties properties, OrderBoard board, LiveViews views,
            TaskScheduler scheduler, Clock clock) {
        this.admin = admin;
        this.properties = properties;
        this.board = board;
        this.views = views;
        this.scheduler = scheduler;
        this.clock = clock;
        List<String> topics = new ArrayList<>(properties.topics());
        properties.topics().forEach(t -> topics.add(Topics.deadLetterOf(t)));
        this.watchedTopics = List.copyOf(topics);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        log.info("Watching the cluster, topics {} and groups {} every {}", watchedTopics, properties.groups(),
                properties.refreshInterval());
        scheduler.scheduleWithFixedDelay(this::refresh, properties.refreshInterval());
    }

    void refresh() {
        Instant now = clock.instant();
        try {
            ClusterView cluster = describeCluster(now);
            Map<PartitionRef, Long> logStart = new HashMap<>();
            Map<PartitionRef, Long> logEnd = new HashMap<>();
            cluster.topics().forEach(t -> t.partitions().forEach(p -> {
                logStart.put(new PartitionRef(t.name(), p.partition()), p.logStartOffset());
                logEnd.put(new PartitionRef(t.name(), p.partition()), p.logEndOffset());
            }));
            List<GroupView> groups = new ArrayList<>();
            for (String group : properties.groups()) {
                groups.add(describeGroup(group, logStart, logEnd, now));
            }
            views.update("cluster", cluster);
            views.update("groups", new Groups(now, groups));
            if (!lastError.isEmpty()) {
                log.info("Kafka answers again: {} broker(s), cluster {}", cluster.brokers().size(), cluster.clusterId());
            }
            lastError = "";
        } catch (Exception e) {
            String error = describe(e);
            if (!error.equals(lastError)) {
                log.warn("Kafka does not answer the console's Admin client: {}", error);
            }
            lastError = error;
            views.update("cluster", ClusterView.unavailable(now, error));
        }
    }

    private ClusterView describeCluster(Instant now) throws Exception {
        var described = admin.describeCluster();
        Collection<Node> nodes = get(described.nodes());
        String clusterId = get(described.clusterId());
        List<ClusterView.Broker> brokers = nodes.stream()
                .sorted((a, b) -> Integer.compare(a.id(), b.id()))
                .map(n -> new ClusterView.Broker(n.id(), n.host(), n.port(), n.rack())).toList();
        ClusterView.Quorum quorum = describeQuorum(now);

        Set<String> present = new TreeSet<>(get(admin.listTopics().names()));
        present.retainAll(watchedTopics);
        if (!present.equals(lastTopics)) {
            log.info("Topics present: {} (of {})", present, watchedTopics);
            lastTopics = Set.copyOf(present);
        }
        List<ClusterView.Topic> topics = new ArrayList<>();
        if (!present.isEmpty()) {
            Map<String, TopicDescription> descriptions = get(admin.describeTopics(present).allTopicNames());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            descriptions.values().forEach(d -> d.partitions().forEach(p -> {
                latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
            }));
            Map<TopicPartition, ListOffsetsResultInfo> ends = get(admin.listOffsets(latest).all());
            Map<TopicPartition, ListOffsetsResultInfo> starts = get(admin.listOffsets(earliest).all());
            for (String name : watchedTopics) {
                TopicDescription d = descriptions.get(name);
                if (d == null) {
                    continue;
                }
                List<ClusterView.Partition> partitions = new ArrayList<>();
                long end = 0;
                long held = 0;
                for (TopicPartitionInfo p : d.partitions()) {
                    TopicPartition tp = new TopicPartition(name, p.partition());
                    long start = starts.get(tp).offset();
                    long last = ends.get(tp).offset();
                    end += last;
                    held += last - start;
                    partitions.add(new ClusterView.Partition(p.partition(), p.leader() == null ? null : p.leader().id(),
                            p.replicas().stream().map(Node::id).toList(), p.isr().stream().map(Node::id).toList(),
                            start, last));
                }
                topics.add(new ClusterView.Topic(name, partitions, end, held));
            }
        }
        return new ClusterView(now, clusterId, brokers, quorum, topics, null);
    }

    /** KRaft's controller quorum; a cluster that does not describe it still shows its brokers. */
    private ClusterView.Quorum describeQuorum(Instant now) {
        try {
            QuorumInfo quorum = get(admin.describeMetadataQuorum().quorumInfo());
            return new ClusterView.Quorum(quorum.leaderId(), quorum.leaderEpoch(), quorum.highWatermark(),
                    voters(quorum.voters(), now), voters(quorum.observers(), now), null);
        } catch (Exception e) {
            return new ClusterView.Quorum(-1, -1, -1, List.of(), List.of(), describe(e));
        }
    }

    private static List<ClusterView.Voter> voters(List<QuorumInfo.ReplicaState> replicas, Instant now) {
        return replicas.stream().map(r -> new ClusterView.Voter(r.replicaId(), r.logEndOffset(),
                r.lastCaughtUpTimestamp().isPresent()
                        ? Math.max(0, now.toEpochMilli() - r.lastCaughtUpTimestamp().getAsLong()) : null))
                .sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
    }

    private GroupView describeGroup(String group, Map<PartitionRef, Long> logStart, Map<PartitionRef, Long> logEnd,
            Instant now) throws Exception {
        String state;
        List<GroupView.Member> members = new ArrayList<>();
        try {
            ConsumerGroupDescription description = get(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group));
            state = String.valueOf(description.groupState());
            for (MemberDescription m : description.members()) {
                List<PartitionRef> assigned = m.assignment().topicPartitions().stream()
                        .map(tp -> new PartitionRef(tp.topic(), tp.partition()))
                        .sorted((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                                : a.topic().compareTo(b.topic()))
                        .toList();
                members.add(new GroupView.Member(m.consumerId(), m.clientId(), m.host(), assigned));
            }
        } catch (ExecutionException e) {
            // A group that never existed is not an error of the cluster: it just has no members yet.
            state = "not found";
        }
        Map<PartitionRef, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
        } catch (ExecutionException e) {
            offsets = Map.of();
        }
        offsets.forEach((tp, offset) -> {
            if (offset != null) {
                committed.put(new PartitionRef(tp.topic(), tp.partition()), offset.offset());
            }
        });
        board.committed(group, committed, now);
        GroupView view = GroupView.of(group, state, members, committed, logStart, logEnd);
        noteRebalance(view);
        return view;
    }

    private void noteRebalance(GroupView view) {
        Map<PartitionRef, String> owners = new HashMap<>();
        view.partitions().stream().filter(r -> r.owner() != null).forEach(r -> owners.put(
                new PartitionRef(r.topic(), r.partition()), r.owner().clientId() + "@" + r.owner().host()));
        Map<PartitionRef, String> before = lastOwners.put(view.groupId(), owners);
        if (before != null && !before.equals(owners)) {
            long moved = new LinkedHashSet<>(owners.keySet()).stream()
                    .filter(p -> !Objects.equals(before.get(p), owners.get(p))).count();
            log.info("Group {} rebalanced: {} member(s), {} partition(s) changed owner", view.groupId(),
                    view.members().size(), moved + before.keySet().stream().filter(p -> !owners.containsKey(p)).count());
        }
    }

    private static <T> T get(KafkaFuture<T> future) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static String describe(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** The {@code groups} view: every watched group, in the configured order. */
    public record Groups(Instant at, List<GroupView> groups) {
    }
}
