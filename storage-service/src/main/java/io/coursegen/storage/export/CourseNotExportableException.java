package io.coursegen.storage.export;

import io.coursegen.contracts.CourseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 409 problem: only a completed course can be exported, and the detail says whether this one ever will be. */
class CourseNotExportableException extends ErrorResponseException {

    CourseNotExportableException(CourseStatus status) {
        super(HttpStatus.CONFLICT, problem(status), null);
    }

    private static ProblemDetail problem(CourseStatus status) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, status.isFinal()
                ? "Course is " + status + "; only COMPLETED courses can be exported"
                : "Course is " + status + "; exports are available once it is COMPLETED");
        problem.setProperty("courseStatus", status.name());
        return problem;
    }
}
