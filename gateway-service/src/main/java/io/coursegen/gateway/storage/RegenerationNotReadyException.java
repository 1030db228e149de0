package io.coursegen.gateway.storage;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A regeneration of a lesson of a course this gateway accepted moments ago, before storage-service has it: the
 * same 409 that storage-service gives for any course that is not completed yet.
 */
public class RegenerationNotReadyException extends ErrorResponseException {

    RegenerationNotReadyException() {
        super(HttpStatus.CONFLICT, problem(), null);
    }

    private static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Course is QUEUED; a lesson can be regenerated once the course is COMPLETED");
        problem.setProperty("courseStatus", "QUEUED");
        return problem;
    }
}
