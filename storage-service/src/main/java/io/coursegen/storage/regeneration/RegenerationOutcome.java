package io.coursegen.storage.regeneration;

import io.coursegen.contracts.CourseStatus;

/**
 * What a regeneration request did.
 *
 * @param revision      the revision now being generated (ACCEPTED only)
 * @param courseStatus  the course's status (NOT_COMPLETED only)
 */
public record RegenerationOutcome(Result result, int revision, CourseStatus courseStatus) {

    public enum Result {
        ACCEPTED, COURSE_NOT_FOUND, LESSON_NOT_FOUND, NOT_COMPLETED
    }

    static RegenerationOutcome of(Result result) {
        return new RegenerationOutcome(result, 0, null);
    }
}
