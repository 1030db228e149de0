package io.coursegen.gateway.storage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A course id that cannot name any course; refused here instead of being forwarded. */
public class InvalidCourseIdException extends ErrorResponseException {

    InvalidCourseIdException() {
        super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "A course id is 1 to 100 letters, digits, '-' or '_'"), null);
    }
}
