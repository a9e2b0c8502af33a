package dev.orderflow.order.web;

import dev.orderflow.order.domain.IdempotencyKeyConflictException;
import dev.orderflow.order.domain.IllegalStatusTransitionException;
import dev.orderflow.messaging.web.ProblemDetailsAdvice;
import dev.orderflow.order.domain.OrderNotFoundException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import tools.jackson.core.JacksonException;

/**
 * Every error as {@code application/problem+json} (RFC 9457). Spring MVC's own exceptions (unreadable body 400,
 * wrong content type 415, bad path or query value 400, unknown path 404) come from the base class, which writes out
 * {@code type}; this adds the domain's, and an {@code errors} list of {@code {field, message}} wherever input fields are at fault.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    record FieldProblem(String field, String message) {
    }

    @ExceptionHandler
    ProblemDetail orderNotFound(OrderNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail illegalTransition(IllegalStatusTransitionException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail idempotencyKeyConflict(IdempotencyKeyConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    /**
     * PostgreSQL is down, or every pooled connection stayed busy for the pool's {@code connection-timeout}: the
     * service is overloaded. Answering 503 at once sheds the excess load instead of letting requests queue for a
     * connection until the gateway gives up on them; a client retries later, with its Idempotency-Key to be safe.
     * An expected condition under overload, so one line and no stack trace.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> databaseUnavailable(CannotCreateTransactionException e) {
        // The transaction never began.
        return unavailable(e, "The order store is unavailable or busy; nothing was changed. Try again shortly.");
    }

    /** Every request slot stayed busy for the queue timeout (AdmissionControl): overloaded, nothing was done. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> serviceBusy(ServiceBusyException e) {
        return unavailable(e, "The order service is busy; nothing was changed. Try again shortly.");
    }

    /** The database went away during the transaction: rolled back, unless the commit itself was cut off. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> databaseLost(DataAccessResourceFailureException e) {
        return unavailable(e, "The order store became unavailable; the change was most likely not made."
                + " Try again shortly, with the same Idempotency-Key.");
    }

    private static ResponseEntity<ProblemDetail> unavailable(Exception e, String detail) {
        log.warn("Refused {} with 503: {}", requestLine(), e instanceof ServiceBusyException
                ? "every request slot is busy" : "the database is unavailable or every connection is busy (" + rootMessage(e) + ")");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }

    private static String requestLine() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getMethod() + " " + attributes.getRequest().getRequestURI()
                : "a request";
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList();
        return invalid(e.getBody(), problems, headers, status, request, e);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldProblem(
                        error instanceof FieldError field ? field.getField() : parameterName(result),
                        error.getDefaultMessage())))
                .toList();
        return invalid(e.getBody(), problems, headers, status, request, e);
    }

    /** The name the client used: a header's HTTP name, a query parameter's name. */
    private static String parameterName(ParameterValidationResult result) {
        RequestHeader header = result.getMethodParameter().getParameterAnnotation(RequestHeader.class);
        return header != null ? header.name() : result.getMethodParameter().getParameterName();
    }

    /** Adds the JSON path of a value of the wrong type or an unknown property, e.g. {@code items[0].quantity}. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, "Failed to read request");
        if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            body.setDetail("Failed to read request: " + jackson.getOriginalMessage());
            body.setProperty("errors", List.of(new FieldProblem(path(jackson), jackson.getOriginalMessage())));
        }
        return handleExceptionInternal(e, body, headers, status, request);
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(reference -> reference.getIndex() >= 0 ? "[" + reference.getIndex() + "]" : "." + reference.getPropertyName())
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    private ResponseEntity<Object> invalid(ProblemDetail body, List<FieldProblem> problems, HttpHeaders headers,
            HttpStatusCode status, WebRequest request, Exception e) {
        body.setDetail("Invalid request: " + problems.stream()
                .map(problem -> problem.field() + " " + problem.message())
                .collect(Collectors.joining("; ")));
        body.setProperty("errors", problems);
        return handleExceptionInternal(e, body, headers, status, request);
    }
}
