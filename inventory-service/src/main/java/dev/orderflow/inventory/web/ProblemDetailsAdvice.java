package dev.orderflow.inventory.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Spring MVC already answers every error it knows as an RFC 9457 problem (the core's base writes out {@code type});
 * this adds the {@code errors} list to validation failures and names the field of an unreadable body.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends dev.orderflow.messaging.web.ProblemDetailsAdvice {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> fieldError(error.getField(), error.getDefaultMessage(), error.getRejectedValue()))
                .toList();
        ex.getBody().setDetail("The request body has invalid fields");
        ex.getBody().setProperty("errors", errors);
        return handleExceptionInternal(ex, null, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, Object>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors body
                        ? body.getFieldErrors().stream()
                                .map(error -> fieldError(error.getField(), error.getDefaultMessage(), error.getRejectedValue()))
                        : result.getResolvableErrors().stream()
                                .map(error -> fieldError(result.getMethodParameter().getParameterName(),
                                        error.getDefaultMessage(), result.getArgument())))
                .toList();
        ex.getBody().setDetail("The request has invalid fields or parameters");
        ex.getBody().setProperty("errors", errors);
        return handleExceptionInternal(ex, null, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, unreadableBodyDetail(ex.getMostSpecificCause()));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** Names the offending field without echoing parser internals (class names, source positions). */
    private static String unreadableBodyDetail(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'";
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "Field '" + field + "' has the wrong type or an invalid value";
        }
        return "The request body is missing or is not valid JSON";
    }

    private static Map<String, Object> fieldError(String field, String message, Object rejectedValue) {
        return rejectedValue == null
                ? Map.of("field", field, "message", message)
                : Map.of("field", field, "message", message, "rejectedValue", rejectedValue);
    }
}
