package dev.orderflow.order.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

public class DistinctSkusValidator implements ConstraintValidator<DistinctSkus, List<OrderItem>> {

    @Override
    public boolean isValid(List<OrderItem> items, ConstraintValidatorContext context) {
        if (items == null) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        return items.stream().filter(Objects::nonNull).map(OrderItem::sku).filter(Objects::nonNull).allMatch(seen::add);
    }
}
