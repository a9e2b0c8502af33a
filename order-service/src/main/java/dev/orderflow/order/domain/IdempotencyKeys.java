package dev.orderflow.order.domain;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code Idempotency-Key}s clients sent and the orders they created. Plain SQL because the claim relies
 * on PostgreSQL's {@code ON CONFLICT DO NOTHING}: a concurrent request with the same key waits on the unique
 * index until the first one commits, then sees its row instead of creating a second order.
 */
@Repository
class IdempotencyKeys {

    record Claim(String requestFingerprint, UUID orderId) {
    }

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when the key was free and now belongs to {@code orderId} */
    boolean claim(String key, String requestFingerprint, UUID orderId) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys (idempotency_key, request_fingerprint, order_id)
                        VALUES (?, ?, ?)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .params(key, requestFingerprint, orderId)
                .update() == 1;
    }

    Optional<Claim> find(String key) {
        return jdbc.sql("SELECT request_fingerprint, order_id FROM idempotency_keys WHERE idempotency_key = ?")
                .param(key)
                .query((rs, row) -> new Claim(rs.getString(1), rs.getObject(2, UUID.class)))
                .optional();
    }
}
