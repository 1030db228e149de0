package io.coursegen.gateway.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** storage-service did not confirm a new course in time: nothing may have been accepted, and the client may retry (safely with an {@code Idempotency-Key}). */
class IntakeUnavailableException extends ErrorResponseException {

    IntakeUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Course intake unavailable, retry later"),
                cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
    }
}
