package io.coursegen.storage.idempotency;

import io.coursegen.contracts.CourseRequested;

/**
 * What a tenant's {@code Idempotency-Key} stands for after a submission claimed it.
 *
 * @param outcome      whether the key is new, repeats the same request, or was used for another one
 * @param course       the request the key stands for: the one just sent if the key is new, else the first one
 * @param courseStored whether the first submission finished storing its course (false while it is under way, or
 *                     if it stopped before; the course can then be stored again under the same id)
 */
public record KeyClaim(Outcome outcome, CourseRequested course, boolean courseStored) {

    public enum Outcome {
        /** The key is new: this submission's course is the key's. */
        NEW,
        /** The key was used for the same request: answer with its course. */
        SAME_REQUEST,
        /** The key was used for a different request. */
        OTHER_REQUEST
    }
}
