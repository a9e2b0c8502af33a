package dev.orderflow.order.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** One line of an order as clients send and receive it. */
public record OrderItem(
        @NotNull @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*", message = "must contain only A-Z a-z 0-9 - _ .") String sku,
        @NotNull @Min(1) @Max(1000) Integer quantity) {
}
