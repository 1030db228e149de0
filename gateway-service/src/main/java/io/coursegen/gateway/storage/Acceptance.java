package io.coursegen.gateway.storage;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseStatus;

/**
 * storage-service's answer to a submission it was handed: what became of it.
 *
 * @param course the course the submission stands for: the one sent, or, under an idempotency key used before, the
 *               first submission's
 * @param status  the course's stored status (null for a replayed course its owner has deleted since)
 * @param refusal why a REFUSED submission was not taken; null otherwise
 */
public record Acceptance(Outcome outcome, CourseRequested course, CourseStatus status, Refusal refusal) {

    /**
     * @param reason            {@code RATE_LIMITED} or {@code QUEUE_FULL}
     * @param retryAfterSeconds when trying again can help
     */
    public record Refusal(String reason, String detail, long retryAfterSeconds) {
    }

    public enum Outcome {
        /** The course is stored as QUEUED: readable through every gateway instance, and waiting for admission. */
        CREATED,
        /** The same request again under the same idempotency key: its first course, nothing new started. */
        REPLAYED,
        /** The idempotency key was used for a different request, whose course this names. */
        MISMATCH,
        /** Over one of the tenant's limits: nothing was stored. */
        REFUSED
    }
}
