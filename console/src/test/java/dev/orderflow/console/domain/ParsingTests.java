package dev.orderflow.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsingTests {

    @Test
    void readsTheTraceIdOfAW3cTraceparent() {
        assertThat(TraceParent.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceParent.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
        assertThat(TraceParent.traceId("garbage")).isNull();
        assertThat(TraceParent.traceId(null)).isNull();
    }

    @Test
    void sumsAndMaximaOfPrometheusSamples() {
        PrometheusText text = PrometheusText.parse("""
                # HELP orderflow_events_duplicates_total
                # TYPE orderflow_events_duplicates_total counter
                orderflow_events_duplicates_total{group="notification-service",type="OrderPlaced"} 2.0
                orderflow_events_duplicates_total{group="notification-service",type="OrderConfirmed"} 3.0
                orderflow_outbox_oldest_age_seconds{application="order-service"} 0.25
                orderflow_outbox_backlog 4
                """);
        assertThat(text.sum("orderflow_events_duplicates_total")).isEqualTo(5.0);
        assertThat(text.max("orderflow_outbox_oldest_age_seconds")).isEqualTo(0.25);
        assertThat(text.sum("orderflow_outbox_backlog")).isEqualTo(4.0);
        assertThat(text.sum("orderflow_events_out_of_order_total")).isNull();
    }

    @Test
    void servicesAddUpTheirInstances() {
        ServiceMetrics metrics = ServiceMetrics.of("inventory-service", List.of("a", "b"), List.of(
                PrometheusText.parse("orderflow_outbox_backlog 3\norderflow_outbox_oldest_age_seconds 1.5\n"),
                PrometheusText.parse("orderflow_outbox_backlog 4\norderflow_outbox_oldest_age_seconds 0.5\n")),
                "b: ConnectException", Instant.EPOCH);
        assertThat(metrics.up()).isTrue();
        assertThat(metrics.outboxBacklog()).isEqualTo(7.0);
        assertThat(metrics.outboxOldestAgeSeconds()).isEqualTo(1.5);
        assertThat(metrics.duplicates()).isNull();
    }

    @Test
    void groupRowsShowOwnerCommittedOffsetAndLag() {
        PartitionRef p0 = new PartitionRef("order-events", 0);
        PartitionRef p1 = new PartitionRef("order-events", 1);
        GroupView view = GroupView.of("inventory-service", "Stable",
                List.of(new GroupView.Member("m-1", "consumer-inventory-service-1", "/127.0.0.1", List.of(p1))),
                Map.of(p0, 10L), Map.of(p0, 0L, p1, 2L), Map.of(p0, 12L, p1, 5L));

        assertThat(view.partitions()).hasSize(2);
        GroupView.Row row0 = view.partitions().get(0);
        assertThat(row0.committed()).isEqualTo(10);
        assertThat(row0.lag()).isEqualTo(2);
        assertThat(row0.owner()).isNull();
        GroupView.Row row1 = view.partitions().get(1);
        assertThat(row1.committed()).isNull();
        assertThat(row1.lag()).as("nothing committed: behind by what the log holds").isEqualTo(3);
        assertThat(row1.owner().clientId()).isEqualTo("consumer-inventory-service-1");
        assertThat(view.totalLag()).isEqualTo(5);
    }
}
