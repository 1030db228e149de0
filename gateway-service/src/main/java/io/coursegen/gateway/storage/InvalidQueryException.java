package io.coursegen.gateway.storage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A query string that is not validly URL-encoded; refused here instead of being forwarded. */
public class InvalidQueryException extends ErrorResponseException {

    InvalidQueryException() {
        super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The query string is not validly URL-encoded"), null);
    }
}
