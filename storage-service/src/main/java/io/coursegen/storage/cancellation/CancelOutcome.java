package io.coursegen.storage.cancellation;

/**
 * What a {@code DELETE} did.
 *
 * @param courseId the course
 * @param result   CANCELLED (it was still being generated), DELETED (it was final) or NOT_FOUND (no such
 *                 course for this tenant)
 */
public record CancelOutcome(String courseId, Result result) {

    public enum Result {
        CANCELLED, DELETED, NOT_FOUND
    }
}
