package io.coursegen.gateway.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

class InvalidIdempotencyKeyException extends ErrorResponseException {

    InvalidIdempotencyKeyException() {
        super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Idempotency-Key must be 1 to " + IdempotencyKey.MAX_LENGTH
                        + " visible ASCII characters, e.g. a UUID"), null);
    }
}
