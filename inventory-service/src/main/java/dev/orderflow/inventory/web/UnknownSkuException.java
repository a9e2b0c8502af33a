package dev.orderflow.inventory.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Answered as a 404 problem by Spring MVC itself, being an {@link ErrorResponseException}. */
class UnknownSkuException extends ErrorResponseException {

    UnknownSkuException(String sku) {
        super(HttpStatus.NOT_FOUND);
        setTitle("Unknown SKU");
        setDetail("No stock item with SKU '" + sku + "'");
    }
}
