package dev.orderflow.inventory.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** A boxed {@code Integer}, so a missing or null {@code available} is a field error rather than a silent 0. */
public record SetAvailableRequest(@NotNull @Min(0) @Max(1_000_000) Integer available) {
}
