package io.coursegen.storage.api;

import io.coursegen.contracts.CourseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A 409 problem: only a lesson of a COMPLETED course can be regenerated (one regeneration at a time). */
class LessonNotRegenerableException extends ErrorResponseException {

    LessonNotRegenerableException(CourseStatus status) {
        super(HttpStatus.CONFLICT, problem(status), null);
    }

    private static ProblemDetail problem(CourseStatus status) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, status.isFinal()
                ? "Course is " + status + "; only lessons of a COMPLETED course can be regenerated"
                : "Course is " + status + "; a lesson can be regenerated once the course is COMPLETED");
        problem.setProperty("courseStatus", status.name());
        return problem;
    }
}
