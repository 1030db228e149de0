package io.coursegen.gateway.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Kafka did not confirm a course request in time: nothing was accepted, and the client may retry. */
class IntakeUnavailableException extends ErrorResponseException {

    IntakeUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Course intake unavailable, retry later"),
                cause);
        getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
    }
}
