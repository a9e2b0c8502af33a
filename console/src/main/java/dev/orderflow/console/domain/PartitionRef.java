package dev.orderflow.console.domain;

/** A topic's partition, without Kafka's own type so that the rules here need no Kafka client. */
public record PartitionRef(String topic, int partition) {

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
