package io.coursegen.gateway.storage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A course (or lesson) id that cannot name any course (or lesson); refused here instead of being forwarded. */
public class InvalidCourseIdException extends ErrorResponseException {

    InvalidCourseIdException() {
        this("course");
    }

    /** @param what "course", "lesson" or "webhook" */
    InvalidCourseIdException(String what) {
        super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "A " + what + " id is 1 to 100 letters, digits, '-' or '_'"), null);
    }
}
