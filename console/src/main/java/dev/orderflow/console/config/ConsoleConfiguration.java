package dev.orderflow.console.config;

import dev.orderflow.console.domain.DeadLetterLog;
import dev.orderflow.console.domain.LiveViews;
import dev.orderflow.console.domain.OrderBoard;
import dev.orderflow.console.domain.OrderSampler;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OrderBoard orderBoard(ConsoleProperties properties) {
        return new OrderBoard(properties.groups(), properties.trackedOrders(),
                new OrderSampler(properties.maxNewOrdersPerSecond()));
    }

    @Bean
    DeadLetterLog deadLetterLog(ConsoleProperties properties) {
        return new DeadLetterLog(properties.deadLettersKept());
    }

    @Bean
    LiveViews liveViews() {
        return new LiveViews();
    }

    /** The console's own Admin client: short time-outs, so a broker that is down shows within seconds. */
    @Bean(destroyMethod = "close")
    Admin consoleAdmin(KafkaProperties kafka) {
        Map<String, Object> config = kafka.buildAdminProperties();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "orderflow-console-admin");
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        return Admin.create(config);
    }
}
