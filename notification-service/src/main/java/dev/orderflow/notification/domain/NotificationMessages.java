package dev.orderflow.notification.domain;

import dev.orderflow.events.OrderCancelled;
import dev.orderflow.events.OrderConfirmed;
import dev.orderflow.events.OrderEvent;
import dev.orderflow.events.OrderLine;
import dev.orderflow.events.OrderPlaced;
import dev.orderflow.events.OrderRejected;

/** The customer-facing wording of each order event. */
public final class NotificationMessages {

    private static final OrderEvent.Handler<String> WORDING = new OrderEvent.Handler<>() {

        @Override
        public String placed(OrderPlaced event) {
            int units = event.items().stream().mapToInt(OrderLine::quantity).sum();
            int items = event.items().size();
            return "We received your order of " + count(units, "unit") + " (" + count(items, "item")
                    + ") and are reserving the stock.";
        }

        @Override
        public String confirmed(OrderConfirmed event) {
            return "Good news: your order is confirmed.";
        }

        @Override
        public String rejected(OrderRejected event) {
            String reason = event.reason() == null ? "" : event.reason().strip();
            // The reason is written for people too and may already end a sentence.
            while (reason.endsWith(".")) {
                reason = reason.substring(0, reason.length() - 1);
            }
            return reason.isEmpty()
                    ? "Sorry, we could not fulfil your order."
                    : "Sorry, we could not fulfil your order: " + reason + ".";
        }

        @Override
        public String cancelled(OrderCancelled event) {
            return "Your order has been cancelled.";
        }
    };

    private NotificationMessages() {
    }

    public static String of(OrderEvent event) {
        return event.accept(WORDING);
    }

    private static String count(int amount, String noun) {
        return amount + " " + (amount == 1 ? noun : noun + "s");
    }
}
