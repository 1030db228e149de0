package io.coursegen.gateway.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The key was used, within its retention, for a different request; a new request needs a new key. */
class IdempotencyKeyMismatchException extends ErrorResponseException {

    IdempotencyKeyMismatchException(String courseId) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(courseId), null);
    }

    private static ProblemDetail problem(String courseId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "This Idempotency-Key was already used for a different request (course " + courseId
                        + "); send a new key for a new request");
        problem.setProperty("courseId", courseId);
        return problem;
    }
}
