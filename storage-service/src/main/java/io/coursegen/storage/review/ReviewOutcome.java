package io.coursegen.storage.review;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.quota.Refusal;
import java.util.List;

/**
 * What a review request did.
 *
 * @param outline        the outline now (DONE only)
 * @param courseStatus   the course's status (NOT_IN_REVIEW, NOT_OUTLINED_YET)
 * @param currentRevision the outline's revision now (STALE_REVISION)
 * @param problems       the rules the edit breaks (INVALID_OUTLINE)
 * @param refusal        why the budget cannot take the approved outline (OVER_BUDGET)
 */
public record ReviewOutcome(Result result, ReviewedOutline outline, CourseStatus courseStatus, int currentRevision,
                            List<String> problems, Refusal refusal) {

    public enum Result {
        DONE, COURSE_NOT_FOUND, NOT_OUTLINED_YET, NOT_IN_REVIEW, REVISION_REQUIRED, STALE_REVISION, INVALID_OUTLINE,
        OVER_BUDGET
    }

    static ReviewOutcome done(ReviewedOutline outline) {
        return new ReviewOutcome(Result.DONE, outline, outline.status(), outline.revision(), List.of(), null);
    }

    static ReviewOutcome of(Result result, CourseStatus status) {
        return new ReviewOutcome(result, null, status, 0, List.of(), null);
    }

    static ReviewOutcome stale(int currentRevision) {
        return new ReviewOutcome(Result.STALE_REVISION, null, null, currentRevision, List.of(), null);
    }

    static ReviewOutcome invalid(List<String> problems) {
        return new ReviewOutcome(Result.INVALID_OUTLINE, null, null, 0, List.copyOf(problems), null);
    }

    static ReviewOutcome overBudget(Refusal refusal) {
        return new ReviewOutcome(Result.OVER_BUDGET, null, null, 0, List.of(), refusal);
    }
}
