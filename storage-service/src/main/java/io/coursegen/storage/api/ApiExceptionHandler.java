package io.coursegen.storage.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.KafkaException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem details for every error: Spring's own (missing header, bad parameter types, unsupported method) and
 * this API's {@link org.springframework.web.ErrorResponseException}s come from the base class; a database that
 * cannot be reached is a 503 the client may retry, not a 500 with internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(DataAccessException.class)
    ProblemDetail storageUnavailable(DataAccessException e) {
        log.warn("Course storage failed: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Course storage is unavailable; try again shortly");
    }

    /** A cancellation is stored but could not be announced on Kafka: the client may retry. */
    @ExceptionHandler(KafkaException.class)
    ProblemDetail messagingUnavailable(KafkaException e) {
        log.warn("Announcing a course change failed: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Course events are unavailable; try again shortly");
    }
}
