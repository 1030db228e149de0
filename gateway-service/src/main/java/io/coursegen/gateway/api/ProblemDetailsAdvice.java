package io.coursegen.gateway.api;

import io.coursegen.gateway.storage.StorageRejectedException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Every error a client can see is an RFC 9457 problem with a detail that says what to change. Spring's
 * handler covers the framework's exceptions (404, 405, 415, ...) and our {@code ErrorResponseException}s;
 * this adds field-by-field validation errors, a plain message for unreadable JSON, storage answers
 * passed through, and a last resort that never shows a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        List<Map<String, String>> errors = ex.getAllErrors().stream()
                .map(error -> Map.of("field", fieldOf(error), "message", String.valueOf(error.getDefaultMessage())))
                .sorted(Comparator.comparing((Map<String, String> error) -> error.get("field"))
                        .thenComparing(error -> error.get("message")))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, errors.stream()
                .map(error -> error.get("field") + ": " + error.get("message"))
                .collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, status, exchange);
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (ex.getCause() instanceof DecodingException decoding) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, malformedBody(decoding));
            return handleExceptionInternal(ex, problem, headers, status, exchange);
        }
        return super.handleServerWebInputException(ex, headers, status, exchange);
    }

    /** Says which endpoint does not exist, rather than Spring's "No static resource". */
    @Override
    protected Mono<ResponseEntity<Object>> handleResponseStatusException(ResponseStatusException ex,
            HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
        if (ex instanceof NoResourceFoundException) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "There is no endpoint "
                    + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value());
            return handleExceptionInternal(ex, problem, headers, status, exchange);
        }
        return super.handleResponseStatusException(ex, headers, status, exchange);
    }

    /** storage-service's own answer (e.g. its 404 problem), unchanged. */
    @ExceptionHandler(StorageRejectedException.class)
    ResponseEntity<byte[]> storageRejected(StorageRejectedException ex) {
        return ex.answer();
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex, ServerWebExchange exchange) {
        log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged"));
    }

    private static String fieldOf(ObjectError error) {
        return error instanceof FieldError field ? field.getField() : error.getObjectName();
    }

    /** Names the offending field when Jackson knows it, without echoing the parser's internals. */
    private static String malformedBody(DecodingException decoding) {
        String detail = "Malformed JSON request body";
        if (decoding.getCause() instanceof JacksonException jackson) {
            String path = jackson.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (!path.isEmpty()) {
                return detail + ": '" + path + "' has the wrong type or format";
            }
        }
        return detail;
    }
}
