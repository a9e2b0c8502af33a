package dev.orderflow.order.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlaceOrderRequestValidationTests {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void createValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    @Test
    void acceptsAValidRequestAtItsLimits() {
        List<OrderItem> items = IntStream.range(0, 50).mapToObj(i -> new OrderItem("S-" + i + ".x_" + "Z".repeat(50), 1000)).toList();
        assertThat(violations(new PlaceOrderRequest("c".repeat(64), items))).isEmpty();
        assertThat(violations(new PlaceOrderRequest("c", List.of(new OrderItem("A", 1))))).isEmpty();
    }

    @Test
    void refusesABadCustomerId() {
        assertThat(violations(new PlaceOrderRequest(null, oneItem()))).containsExactly("customerId");
        assertThat(violations(new PlaceOrderRequest("", oneItem()))).containsExactly("customerId");
        assertThat(violations(new PlaceOrderRequest("c".repeat(65), oneItem()))).containsExactly("customerId");
    }

    @Test
    void refusesNoneOrTooManyItems() {
        assertThat(violations(new PlaceOrderRequest("c", null))).containsExactly("items");
        assertThat(violations(new PlaceOrderRequest("c", List.of()))).containsExactly("items");
        List<OrderItem> tooMany = IntStream.range(0, 51).mapToObj(i -> new OrderItem("S" + i, 1)).toList();
        assertThat(violations(new PlaceOrderRequest("c", tooMany))).containsExactly("items");
        List<OrderItem> withNull = new ArrayList<>();
        withNull.add(null);
        assertThat(violations(new PlaceOrderRequest("c", withNull))).containsExactly("items[0].<list element>");
    }

    @Test
    void refusesASkuTwice() {
        assertThat(violations(new PlaceOrderRequest("c", List.of(new OrderItem("A", 1), new OrderItem("A", 2)))))
                .containsExactly("items");
    }

    @Test
    void refusesABadSku() {
        for (String sku : new String[] {null, "", "A B", "A/B", "é", "S".repeat(65)}) {
            assertThat(violations(new PlaceOrderRequest("c", List.of(new OrderItem(sku, 1)))))
                    .as(sku).containsExactly("items[0].sku");
        }
    }

    @Test
    void refusesAQuantityOutside1To1000() {
        for (Integer quantity : new Integer[] {null, 0, -1, 1001}) {
            assertThat(violations(new PlaceOrderRequest("c", List.of(new OrderItem("A", quantity)))))
                    .as(String.valueOf(quantity)).containsExactly("items[0].quantity");
        }
    }

    private static List<OrderItem> oneItem() {
        return List.of(new OrderItem("A", 1));
    }

    private static Set<String> violations(PlaceOrderRequest request) {
        return validator.validate(request).stream()
                .map(ConstraintViolation::getPropertyPath)
                .map(Object::toString)
                .collect(Collectors.toSet());
    }
}
