package io.coursegen.gateway.storage;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseStatus;
import java.time.Instant;

/**
 * storage-service's answer to a submission it was handed: what became of it.
 *
 * @param course the course the submission stands for: the one sent, or, under an idempotency key used before, the
 *               first submission's
 * @param status  the course's stored status (null for a replayed course its owner has deleted since)
 * @param refusal why a REFUSED submission was not taken; null otherwise
 * @param estimate what the course is expected to cost and when it should be done; null when refused (or for a course
 *                 stored before estimates)
 */
public record Acceptance(Outcome outcome, CourseRequested course, CourseStatus status, Refusal refusal,
                         Estimate estimate) {

    /**
     * @param costUsd     at the price table, from the request's lessons and pictures and the tokens a part is
     *                    expected to take
     * @param completesAt from the courses waiting ahead and the pipeline's capacity; null while admission is paused
     */
    public record Estimate(double costUsd, Instant completesAt) {
    }

    /**
     * @param reason            {@code RATE_LIMITED}, {@code QUEUE_FULL} or {@code BUDGET_EXHAUSTED}
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
