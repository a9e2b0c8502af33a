package dev.orderflow.order.domain;

import org.springframework.data.repository.Repository;

interface OutboxEventRepository extends Repository<OutboxEvent, Long> {

    OutboxEvent save(OutboxEvent event);
}
