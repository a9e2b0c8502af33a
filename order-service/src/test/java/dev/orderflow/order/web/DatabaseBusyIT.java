package dev.orderflow.order.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.orderflow.order.IntegrationTest;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Overload: when every pooled connection stays busy, a new order is refused at once with 503 and Retry-After
 * (after the pool's connection-timeout), and nothing is stored; once connections are free, orders are accepted again.
 */
@IntegrationTest
class DatabaseBusyIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void refusesAnOrderWith503WhileEveryConnectionIsBusyAndStoresNothing() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String body = "{\"customerId\": \"" + customer + "\", \"items\": [{\"sku\": \"SKU-BUSY\", \"quantity\": 1}]}";
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        List<Connection> held = new ArrayList<>();
        MvcTestResult refused;
        try {
            while (held.size() < pool.getMaximumPoolSize()) {
                held.add(pool.getConnection());
            }
            long started = System.nanoTime();
            refused = mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange();
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(waitedMillis).as("time to refuse, ms").isLessThan(pool.getConnectionTimeout() + 2_000);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }

        assertThat(refused).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("Retry-After", "1");
        assertThat(refused.getResponse().getContentAsString()).contains("\"status\":503").contains("Try again");
        assertThat(ordersOf(customer)).isZero();

        assertThat(mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange())
                .hasStatus(HttpStatus.ACCEPTED);
        assertThat(ordersOf(customer)).isOne();
    }

    private long ordersOf(String customer) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(customer).query(Long.class).single();
    }
}
