package io.coursegen.storage.api;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.LessonRules.Problem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The problems of a hand edit of a lesson, each with a type of its own so a client can act on it. */
class LessonEditProblem extends TypedProblem {

    private LessonEditProblem(HttpStatus status, String type, String title, String detail,
            Map<String, Object> properties) {
        super(status, type, title, detail, properties);
    }

    static LessonEditProblem notEditable(CourseStatus status) {
        return new LessonEditProblem(HttpStatus.CONFLICT, "lesson-not-editable", "Lesson not editable",
                status.isFinal() ? "Course is " + status + "; only lessons of a COMPLETED course can be edited"
                        : "Course is " + status + "; a lesson can be edited once the course is COMPLETED",
                Map.of("courseStatus", status.name()));
    }

    static LessonEditProblem stale(int currentRevision) {
        return new LessonEditProblem(HttpStatus.PRECONDITION_FAILED, "stale-lesson", "Lesson changed",
                "The lesson is at revision " + currentRevision + " now; read it again and apply your change to that",
                Map.of("currentRevision", currentRevision));
    }

    static LessonEditProblem invalid(List<Problem> problems) {
        return new LessonEditProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-lesson", "Invalid lesson",
                "The edited lesson breaks " + problems.size() + (problems.size() == 1 ? " rule" : " rules"),
                Map.of("errors", problems.stream()
                        .map(problem -> Map.of("field", problem.field(), "message", problem.message()))
                        .toList()));
    }
}
