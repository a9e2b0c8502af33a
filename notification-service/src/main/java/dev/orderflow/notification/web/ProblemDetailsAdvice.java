package dev.orderflow.notification.web;

import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers Spring MVC's own errors (missing or malformed parameter, unknown path…) as RFC 9457 problems with
 * {@code type} written out, in place of Boot's {@code ProblemDetailsExceptionHandler}; the base is the core's.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends dev.orderflow.messaging.web.ProblemDetailsAdvice {
}
