package dev.orderflow.e2e;

import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A Kafka cluster this machine reaches: the local nodes the suite starts, or a compose cluster's published listeners. */
public interface KafkaAccess {

    /** Every node's client address, as a client's {@code bootstrap.servers}. */
    String bootstrapServers();

    /** An admin client for the cluster; the caller closes it. */
    default Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(properties);
    }
}
