package io.coursegen.storage.intake;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.course.Estimate;
import io.coursegen.storage.quota.Refusal;

/**
 * storage-service's answer to a submission: what became of it.
 *
 * @param course the course the submission stands for: the one sent, or, under an idempotency key used before, the
 *               first submission's
 * @param status  the course's stored status (null for a replayed course its owner has deleted since)
 * @param refusal why a REFUSED submission was not taken; null otherwise
 * @param estimate the course's expected cost and completion (null when refused, or for a course stored before
 *                 estimates)
 */
record Acceptance(Outcome outcome, CourseRequested course, CourseStatus status, Refusal refusal, Estimate estimate) {

    Acceptance(Outcome outcome, CourseRequested course, CourseStatus status) {
        this(outcome, course, status, null, null);
    }

    static Acceptance refused(CourseRequested course, Refusal refusal) {
        return new Acceptance(Outcome.REFUSED, course, null, refusal, null);
    }

    enum Outcome {
        /** The course is stored as QUEUED and waits for admission. */
        CREATED,
        /** The same request again under the same idempotency key: its first course, nothing new. */
        REPLAYED,
        /** The idempotency key was used for a different request, whose course this names. */
        MISMATCH,
        /** Over one of the tenant's limits: nothing was stored (and a key claimed for it is free again). */
        REFUSED
    }
}
