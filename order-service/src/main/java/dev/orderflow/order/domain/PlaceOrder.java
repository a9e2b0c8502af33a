package dev.orderflow.order.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A valid request to place an order (the web layer has checked sizes, SKUs and quantities). */
public record PlaceOrder(String customerId, List<OrderLine> lines) {

    public PlaceOrder {
        lines = List.copyOf(lines);
    }

    /**
     * SHA-256 over the request's content, stored with an {@code Idempotency-Key} so a retry can be told apart
     * from a different request reusing the key. Every field is length-prefixed, so no two requests collide by
     * concatenation.
     */
    public String fingerprint() {
        MessageDigest digest = sha256();
        update(digest, customerId);
        for (OrderLine line : lines) {
            update(digest, line.sku());
            update(digest, Integer.toString(line.quantity()));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
