package io.coursegen.storage.regeneration;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.quota.Refusal;

/**
 * What a regeneration request did.
 *
 * @param revision      the revision now being generated (ACCEPTED only)
 * @param courseStatus  the course's status (NOT_COMPLETED only)
 * @param refusal       why not now (RATE_LIMITED only)
 */
public record RegenerationOutcome(Result result, int revision, CourseStatus courseStatus, Refusal refusal) {

    public enum Result {
        ACCEPTED, COURSE_NOT_FOUND, LESSON_NOT_FOUND, NOT_COMPLETED, RATE_LIMITED
    }

    RegenerationOutcome(Result result, int revision, CourseStatus courseStatus) {
        this(result, revision, courseStatus, null);
    }

    static RegenerationOutcome of(Result result) {
        return new RegenerationOutcome(result, 0, null);
    }
}
