package dev.orderflow.inventory.messaging;

import static dev.orderflow.inventory.messaging.OrderEvents.answers;
import static dev.orderflow.inventory.messaging.OrderEvents.line;
import static dev.orderflow.inventory.messaging.OrderEvents.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.StockReserved;
import dev.orderflow.events.Topics;
import dev.orderflow.inventory.InventoryServiceIntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TransientFailureIT extends InventoryServiceIntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Test
    void retriesAnEventWhoseStockRowIsLockedAndAppliesItOnceTheLockIsGone() throws Exception {
        String sku = uniqueSku("LOCKED");
        stock(sku, 5, 0);
        UUID orderId = UUID.randomUUID();
        double failedAttemptsBefore = failedAttempts();

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("select * from stock_items where sku = ? for update")) {
                lock.setString(1, sku);
                lock.executeQuery().close();
            }

            publish(Topics.ORDER_EVENTS, placed(orderId, 1, line(sku, 2)));

            // The service's lock_timeout (300 ms here) ends each attempt while the row stays locked.
            await().until(() -> failedAttempts() - failedAttemptsBefore >= 3);
            assertThat(reserved(sku)).isZero();
            connection.rollback();
        }

        try (TopicReader inventoryEvents = new TopicReader(brokers(), Topics.INVENTORY_EVENTS);
                TopicReader deadLetters = new TopicReader(brokers(), Topics.deadLetterOf(Topics.ORDER_EVENTS))) {
            assertThat(answers(await().until(() -> inventoryEvents.recordsWithKey(orderId.toString()),
                    found -> !found.isEmpty()))).singleElement().isInstanceOf(StockReserved.class);
            assertThat(deadLetters.recordsWithKey(orderId.toString())).isEmpty();
        }
        assertThat(reserved(sku)).isEqualTo(2);
        assertThat(available(sku)).isEqualTo(3);
    }

    private double failedAttempts() {
        return meterRegistry.find("orderflow.events.failed.attempts").tag("topic", Topics.ORDER_EVENTS).counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }
}
