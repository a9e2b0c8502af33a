package dev.orderflow.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceOrderTests {

    @Test
    void fingerprintsEqualRequestsAlike() {
        assertThat(request("c-1", "A", 2).fingerprint()).isEqualTo(request("c-1", "A", 2).fingerprint()).hasSize(64);
    }

    @Test
    void fingerprintsEveryFieldAndNoConcatenationCollides() {
        String original = request("c-1", "A", 2).fingerprint();
        assertThat(request("c-2", "A", 2).fingerprint()).isNotEqualTo(original);
        assertThat(request("c-1", "B", 2).fingerprint()).isNotEqualTo(original);
        assertThat(request("c-1", "A", 3).fingerprint()).isNotEqualTo(original);
        assertThat(request("c-1A", "", 2).fingerprint()).isNotEqualTo(request("c-1", "A", 2).fingerprint());
    }

    private static PlaceOrder request(String customerId, String sku, int quantity) {
        return new PlaceOrder(customerId, List.of(new OrderLine(sku, quantity)));
    }
}
