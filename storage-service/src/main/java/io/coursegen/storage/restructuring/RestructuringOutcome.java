package io.coursegen.storage.restructuring;

import io.coursegen.contracts.CourseStatus;
import java.util.List;

/**
 * What adding or removing a lesson did.
 *
 * @param lessonId     the lesson added or removed (DONE only)
 * @param courseStatus the course's status now (DONE, NOT_COMPLETED)
 * @param problems     what is wrong with the request (INVALID)
 */
public record RestructuringOutcome(Result result, String lessonId, CourseStatus courseStatus, List<String> problems) {

    public enum Result {
        DONE, COURSE_NOT_FOUND, LESSON_NOT_FOUND, NOT_COMPLETED, INVALID
    }

    static RestructuringOutcome of(Result result, CourseStatus status) {
        return new RestructuringOutcome(result, null, status, List.of());
    }

    static RestructuringOutcome invalid(List<String> problems) {
        return new RestructuringOutcome(Result.INVALID, null, null, List.copyOf(problems));
    }
}
