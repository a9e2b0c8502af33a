package dev.orderflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.server.RequestPath;

class NonNormalizedPathFilterTests {

    @ParameterizedTest
    @ValueSource(strings = { "/api/orders", "/api/orders/", "/api/inventory/SKU.v2", "/api/inventory/...",
            "/api/inventory/.SKU", "/api/inventory/SKU..", "/api/inventory/SKU%2D001", "/" })
    void acceptsAPathWithoutDotSegments(String path) {
        assertThat(NonNormalizedPathFilter.isNormalized(RequestPath.parse(path, null))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/orders/..", "/api/orders/../../actuator", "/api/./orders", "/api/orders/%2e%2e",
            "/api/orders/%2E.", "/api/orders/..;jsessionid=1/actuator", "/api/orders/.;x=1", "/api/orders/a%2fb",
            "/api/orders/a%5Cb", "/api/orders/a\\b" })
    void refusesAPathThatAServiceWouldResolveElsewhere(String path) {
        assertThat(NonNormalizedPathFilter.isNormalized(RequestPath.parse(path, null))).isFalse();
    }
}
