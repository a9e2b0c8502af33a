package dev.orderflow.messaging.web;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The base of every service's {@code @RestControllerAdvice}: Spring MVC answers each error it knows as an RFC 9457
 * problem, and this writes out the {@code type} Spring leaves unset (RFC 9457 reads a missing one as
 * {@code about:blank}; the contract promises the field). A service adds its own exceptions and field lists.
 */
public abstract class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    /** RFC 9457's "no further semantics than the status code". */
    protected static final URI BLANK_TYPE = URI.create("about:blank");

    /** A problem with {@code type} written out, for a service's own exception handlers. */
    protected static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(BLANK_TYPE);
        return problem;
    }

    /** The last step of every answer of the base class, once Spring has built the problem from the exception. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getType() == null) {
            problem.setType(BLANK_TYPE);
        }
        return super.createResponseEntity(body, headers, status, request);
    }
}
