package dev.orderflow.order.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** No two items of an order name the same SKU. */
@Documented
@Constraint(validatedBy = DistinctSkusValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface DistinctSkus {

    String message() default "must not name a sku twice";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
