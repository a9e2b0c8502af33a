package dev.orderflow.deadletters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a dead-letter topic from the start, without a consumer group, up to the end offsets it finds when
 * asked: a listing is a snapshot, and records that arrive meanwhile wait for the next one.
 */
final class DeadLetterTopic {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String name;
    private final List<TopicPartition> partitions;

    private DeadLetterTopic(Consumer<byte[], byte[]> consumer, String name, List<TopicPartition> partitions) {
        this.consumer = consumer;
        this.name = name;
        this.partitions = partitions;
    }

    /** Fails, naming the dead-letter topics there are, when Kafka has no topic {@code name}. */
    static DeadLetterTopic open(Consumer<byte[], byte[]> consumer, String name) {
        List<PartitionInfo> partitions = consumer.partitionsFor(name, KafkaClients.TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            String deadLetterTopics = consumer.listTopics(KafkaClients.TIMEOUT).keySet().stream()
                    .filter(topic -> topic.endsWith("-dlt")).sorted().collect(Collectors.joining(", "));
            throw new DeadLettersException("there is no topic '" + name + "'; dead-letter topics in this cluster: "
                    + (deadLetterTopics.isEmpty() ? "none" : deadLetterTopics));
        }
        return new DeadLetterTopic(consumer, name, partitions.stream()
                .map(partition -> new TopicPartition(name, partition.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList());
    }

    String name() {
        return name;
    }

    int partitionCount() {
        return partitions.size();
    }

    /** Every record now in the topic, by partition, then offset. */
    List<DeadLetter> readAll() {
        // Offsets are asked for assigned partitions only: for others the client warns on every answer.
        consumer.assign(partitions);
        return read(consumer.beginningOffsets(partitions, KafkaClients.TIMEOUT),
                consumer.endOffsets(partitions, KafkaClients.TIMEOUT));
    }

    /** Exactly the records at {@code positions}; fails, reading nothing, when one of them holds no record. */
    List<DeadLetter> read(SortedSet<RecordPosition> positions) {
        Set<TopicPartition> involved = new TreeSet<>(Comparator.comparingInt(TopicPartition::partition));
        for (RecordPosition position : positions) {
            if (position.partition() >= partitions.size()) {
                throw new DeadLettersException("no record at " + position + ": " + name + " has partitions 0-"
                        + (partitions.size() - 1));
            }
            involved.add(new TopicPartition(name, position.partition()));
        }
        consumer.assign(involved);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(involved, KafkaClients.TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(involved, KafkaClients.TIMEOUT);
        Map<TopicPartition, Long> from = new HashMap<>();
        Map<TopicPartition, Long> to = new HashMap<>();
        for (RecordPosition position : positions) {
            TopicPartition partition = new TopicPartition(name, position.partition());
            long beginning = beginnings.get(partition);
            long end = ends.get(partition);
            if (position.offset() < beginning || position.offset() >= end) {
                throw new DeadLettersException("no record at " + position + " in " + name + ": partition "
                        + position.partition() + (beginning == end ? " is empty" : " holds offsets " + beginning + "-" + (end - 1)));
            }
            from.merge(partition, position.offset(), Math::min);
            to.merge(partition, position.offset() + 1, Math::max);
        }
        List<DeadLetter> chosen = read(from, to).stream().filter(letter -> positions.contains(letter.position())).toList();
        if (chosen.size() != positions.size()) {
            Set<RecordPosition> found = chosen.stream().map(DeadLetter::position).collect(Collectors.toSet());
            throw new DeadLettersException("no record at " + positions.stream().filter(position -> !found.contains(position))
                    .map(RecordPosition::toString).collect(Collectors.joining(", ")) + " in " + name
                    + " (a transaction marker or a compacted-away offset)");
        }
        return chosen;
    }

    /** The records at offsets {@code from} (inclusive) to {@code to} (exclusive) of each partition. */
    private List<DeadLetter> read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<TopicPartition> toRead = from.keySet().stream().filter(partition -> from.get(partition) < to.get(partition))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        List<DeadLetter> letters = new ArrayList<>();
        if (toRead.isEmpty()) {
            return letters;
        }
        consumer.assign(toRead);
        toRead.forEach(partition -> consumer.seek(partition, from.get(partition)));
        Instant giveUpAt = Instant.now().plus(KafkaClients.TIMEOUT);
        while (toRead.stream().anyMatch(partition -> consumer.position(partition, KafkaClients.TIMEOUT) < to.get(partition))) {
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
            consumer.poll(POLL).forEach(batch::add);
            if (!batch.isEmpty()) {
                giveUpAt = Instant.now().plus(KafkaClients.TIMEOUT);
            } else if (Instant.now().isAfter(giveUpAt)) {
                throw new DeadLettersException("reading " + name + " made no progress for " + KafkaClients.TIMEOUT.toSeconds() + " s");
            }
            batch.stream().filter(record -> record.offset() < to.get(new TopicPartition(record.topic(), record.partition())))
                    .map(DeadLetter::of)
                    .forEach(letters::add);
        }
        letters.sort(Comparator.comparing(DeadLetter::position));
        return letters;
    }
}
