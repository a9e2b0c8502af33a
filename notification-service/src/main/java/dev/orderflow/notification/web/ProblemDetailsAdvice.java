package dev.orderflow.notification.web;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers Spring MVC's own errors (missing or malformed parameter, unknown path…) as RFC 9457 problems, in
 * place of Boot's {@code ProblemDetailsExceptionHandler}. Spring leaves {@code type} unset, which RFC 9457
 * reads as {@code about:blank}; the contract promises the field, so it is written out.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final URI BLANK = URI.create("about:blank");

    /** The last step of every handler, once Spring has built the problem from the exception. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType() == null) {
            problem.setType(BLANK);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }
}
