package io.coursegen.storage.api;

import io.coursegen.contracts.CourseStatus;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Why a lesson cannot be added to a course or removed from it. */
class LessonChangeProblem extends TypedProblem {

    private LessonChangeProblem(HttpStatus status, String type, String title, String detail,
            Map<String, Object> properties) {
        super(status, type, title, detail, properties);
    }

    static LessonChangeProblem notCompleted(CourseStatus status) {
        return new LessonChangeProblem(HttpStatus.CONFLICT, "not-completed", "Course not completed",
                "Course is " + status + "; lessons can be added or removed while it is COMPLETED",
                Map.of("courseStatus", status.name()));
    }

    static LessonChangeProblem invalid(List<String> problems) {
        return new LessonChangeProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-lesson-change",
                "Invalid lesson change", String.join("; ", problems),
                Map.of("errors", problems.stream().map(message -> Map.of("field",
                        message.contains(":") ? message.substring(0, message.indexOf(':')) : "lesson", "message", message))
                        .toList()));
    }
}
