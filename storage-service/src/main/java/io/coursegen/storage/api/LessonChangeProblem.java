package io.coursegen.storage.api;

import io.coursegen.contracts.CourseStatus;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Why a lesson cannot be added to a course or removed from it. */
class LessonChangeProblem extends ErrorResponseException {

    private LessonChangeProblem(HttpStatus status, ProblemDetail problem) {
        super(status, problem, null);
    }

    static LessonChangeProblem notCompleted(CourseStatus status) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Course is " + status
                + "; lessons can be added or removed while it is COMPLETED");
        problem.setType(URI.create("https://coursegen.io/problems/not-completed"));
        problem.setTitle("Course not completed");
        problem.setProperty("courseStatus", status.name());
        return new LessonChangeProblem(HttpStatus.CONFLICT, problem);
    }

    static LessonChangeProblem invalid(List<String> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                String.join("; ", problems));
        problem.setType(URI.create("https://coursegen.io/problems/invalid-lesson-change"));
        problem.setTitle("Invalid lesson change");
        problem.setProperty("errors", problems.stream().map(message -> Map.of("field",
                message.contains(":") ? message.substring(0, message.indexOf(':')) : "lesson", "message", message))
                .toList());
        return new LessonChangeProblem(HttpStatus.UNPROCESSABLE_CONTENT, problem);
    }
}
