package io.coursegen.storage.editing;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.LessonRules.Problem;
import io.coursegen.storage.course.StoredCourse;
import java.util.List;

/**
 * What an edit did.
 *
 * @param course          the course with the edited lesson shown (EDITED only)
 * @param revision        the lesson's revision now: the edit's (EDITED) or the one shown (STALE_REVISION)
 * @param courseStatus    the course's status (NOT_EDITABLE only)
 * @param problems        the rules the edited lesson breaks (INVALID_LESSON only)
 */
public record EditOutcome(Result result, StoredCourse course, int revision, CourseStatus courseStatus,
                          List<Problem> problems) {

    public enum Result {
        EDITED, COURSE_NOT_FOUND, LESSON_NOT_FOUND, NOT_EDITABLE, STALE_REVISION, INVALID_LESSON
    }

    static EditOutcome edited(StoredCourse course, int revision) {
        return new EditOutcome(Result.EDITED, course, revision, course.status(), List.of());
    }

    static EditOutcome of(Result result) {
        return new EditOutcome(result, null, 0, null, List.of());
    }

    static EditOutcome notEditable(CourseStatus status) {
        return new EditOutcome(Result.NOT_EDITABLE, null, 0, status, List.of());
    }

    static EditOutcome stale(int shownRevision) {
        return new EditOutcome(Result.STALE_REVISION, null, shownRevision, null, List.of());
    }

    static EditOutcome invalid(List<Problem> problems) {
        return new EditOutcome(Result.INVALID_LESSON, null, 0, null, List.copyOf(problems));
    }
}
