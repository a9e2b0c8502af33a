package dev.orderflow.inventory.messaging;

import dev.orderflow.events.OrderEvent;
import io.micrometer.observation.Observation;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record of a poll, its listener observation, and what applying it did, to report once that is committed. */
final class Delivery {

    final ConsumerRecord<String, OrderEvent> record;
    final Observation observation;
    HandledEvent handled;

    Delivery(ConsumerRecord<String, OrderEvent> record, Observation observation) {
        this.record = record;
        this.observation = observation;
    }

    OrderEvent event() {
        return record.value();
    }
}
