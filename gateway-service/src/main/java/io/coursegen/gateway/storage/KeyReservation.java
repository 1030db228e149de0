package io.coursegen.gateway.storage;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseStatus;

/**
 * storage-service's answer about an {@code Idempotency-Key}: what the key stands for and what to do.
 *
 * @param course the request the key stands for: the one sent, or the one a first submission reserved
 * @param status the course's stored status (null once its owner deleted it)
 */
public record KeyReservation(Outcome outcome, CourseRequested course, CourseStatus status) {

    public enum Outcome {
        /** A new key: publish the course. */
        RESERVED,
        /** The same request again, already in the pipeline: answer with its course, publish nothing. */
        REPLAYED,
        /** The same request again, whose first publication never arrived: publish it again. */
        REPUBLISH,
        /** The key was used for a different request. */
        MISMATCH
    }

    public boolean needsPublishing() {
        return outcome == Outcome.RESERVED || outcome == Outcome.REPUBLISH;
    }
}
