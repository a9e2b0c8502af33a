package dev.orderflow.gateway;

import java.net.URI;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webflux.autoconfigure.error.AbstractErrorWebExceptionHandler;
import org.springframework.boot.webflux.error.ErrorAttributes;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Answers every error the gateway produces itself (no route, body too large, service unavailable or
 * stalled) as RFC 9457 {@code application/problem+json}, the shape the services use for theirs.
 *
 * <p>It takes the place of Boot's {@code DefaultErrorWebExceptionHandler}, whose body has its own shape
 * ({@code timestamp}, {@code path}, {@code error}); Spring's problem-detail support
 * ({@code spring.webflux.problemdetails.enabled}) only reaches annotated controllers, and the gateway
 * has none. Extending Boot's base class keeps its logging and its handling of clients that went away.
 */
class ProblemDetailErrorWebExceptionHandler extends AbstractErrorWebExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    ProblemDetailErrorWebExceptionHandler(ErrorAttributes errorAttributes, WebProperties.Resources resources,
            ApplicationContext applicationContext) {
        super(errorAttributes, resources, applicationContext);
    }

    @Override
    protected RouterFunction<ServerResponse> getRoutingFunction(ErrorAttributes errorAttributes) {
        return RouterFunctions.route(RequestPredicates.all(), this::renderProblem);
    }

    private Mono<ServerResponse> renderProblem(ServerRequest request) {
        Throwable error = getError(request);
        ProblemDetail problem = problemFor(error);
        if (problem.getType() == null) {
            // RFC 9457's default, written out: clients of this API read "type" on every error.
            problem.setType(ABOUT_BLANK);
        }
        String path = request.exchange().getRequest().getPath().value();
        if (problem.getDetail() == null) {
            problem.setDetail(problem.getStatus() == HttpStatus.NOT_FOUND.value()
                    ? "Nothing is served at " + path + "."
                    : "The request to " + path + " failed.");
        }
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(path));
        }
        ServerResponse.BodyBuilder response = ServerResponse.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (error instanceof ErrorResponse errorResponse) {
            // e.g. Allow on a 405: part of the answer, not decoration
            response.headers(headers -> headers.addAll(errorResponse.getHeaders()));
        }
        return response.bodyValue(problem);
    }

    private static ProblemDetail problemFor(Throwable error) {
        if (error instanceof ErrorResponse errorResponse) {
            return errorResponse.getBody();
        }
        // Anything else is a fault in the gateway itself; its message is for the log, not for clients.
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway could not handle the request.");
    }
}
