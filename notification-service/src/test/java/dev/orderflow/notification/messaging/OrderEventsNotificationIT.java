package dev.orderflow.notification.messaging;

import static dev.orderflow.notification.TestEvents.cancelled;
import static dev.orderflow.notification.TestEvents.confirmed;
import static dev.orderflow.notification.TestEvents.placed;
import static dev.orderflow.notification.TestEvents.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.notification.IntegrationTest;
import dev.orderflow.notification.TestEvents;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

class OrderEventsNotificationIT extends IntegrationTest {

    @Test
    void notifiesTheCustomerOfEveryEventOfAConfirmedThenCancelledOrder() {
        UUID orderId = newOrderId();
        OrderPlaced placed = placed(orderId, 1, new OrderLine("SKU-001", 2), new OrderLine("SKU-002", 1));

        publish(placed);
        publish(confirmed(orderId, 2));
        publish(cancelled(orderId, 3));

        await().untilAsserted(() -> assertThat(notificationsOf(orderId))
                .bodyJson().extractingPath("$[*].message").asArray().containsExactly(
                        "We received your order of 3 units (2 items) and are reserving the stock.",
                        "Good news: your order is confirmed.",
                        "Your order has been cancelled."));
        assertThat(notificationsOf(orderId)).bodyJson()
                .hasPathSatisfying("$[*].eventType", type -> assertThat(type).asArray()
                        .containsExactly("OrderPlaced", "OrderConfirmed", "OrderCancelled"))
                .hasPathSatisfying("$[*].orderId", ids -> assertThat(ids).asArray()
                        .containsOnly(orderId.toString()))
                .hasPathSatisfying("$[*].customerId", customers -> assertThat(customers).asArray()
                        .containsOnly(TestEvents.CUSTOMER))
                .hasPath("$[0].notificationId")
                .hasPath("$[0].createdAt");
    }

    @Test
    void notifiesTheCustomerOfARejectionWithItsReason() {
        UUID orderId = newOrderId();

        publish(placed(orderId, 1, new OrderLine("SKU-404", 1)));
        publish(rejected(orderId, 2, "SKU-404 is unknown"));

        await().untilAsserted(() -> assertThat(notificationsOf(orderId))
                .bodyJson().extractingPath("$[*].message").asArray().containsExactly(
                        "We received your order of 1 unit (1 item) and are reserving the stock.",
                        "Sorry, we could not fulfil your order: SKU-404 is unknown."));
        assertThat(notificationsOf(orderId)).bodyJson().extractingPath("$[1].eventType").isEqualTo("OrderRejected");
    }

    @Test
    void notifiesOnceOfARedeliveredEvent() {
        UUID orderId = newOrderId();
        OrderPlaced placed = placed(orderId, 1, new OrderLine("SKU-001", 1));
        double duplicatesBefore = count("orderflow.events.duplicates", "type", "OrderPlaced");

        publish(placed);
        publish(placed);
        // Same key, same partition: once this one is stored, the redelivery before it has been handled.
        publish(confirmed(orderId, 2));

        await().untilAsserted(() -> assertThat(notificationsOf(orderId))
                .bodyJson().extractingPath("$[*].eventType").asArray()
                .containsExactly("OrderPlaced", "OrderConfirmed"));
        assertThat(count("orderflow.events.duplicates", "type", "OrderPlaced")).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void storesAnOvertakenEventAndListsItInPublicationOrder() {
        UUID orderId = newOrderId();
        double confirmedOutOfOrderBefore = count("orderflow.events.out.of.order", "type", "OrderConfirmed");
        double cancelledOutOfOrderBefore = count("orderflow.events.out.of.order", "type", "OrderCancelled");

        publish(placed(orderId, 1, new OrderLine("SKU-001", 1)));
        publish(cancelled(orderId, 3));
        publish(confirmed(orderId, 2));

        await().untilAsserted(() -> assertThat(notificationsOf(orderId))
                .bodyJson().extractingPath("$[*].eventType").asArray()
                .containsExactly("OrderPlaced", "OrderConfirmed", "OrderCancelled"));
        assertThat(count("orderflow.events.out.of.order", "type", "OrderCancelled"))
                .as("seq 3 arrived where 2 was expected").isEqualTo(cancelledOutOfOrderBefore + 1);
        assertThat(count("orderflow.events.out.of.order", "type", "OrderConfirmed"))
                .as("seq 2 arrived after 3").isEqualTo(confirmedOutOfOrderBefore + 1);
    }

    private MvcTestResult notificationsOf(UUID orderId) {
        MvcTestResult result = mvc.get().uri("/api/notifications?orderId={orderId}", orderId).exchange();
        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        return result;
    }
}
