package io.coursegen.storage.idempotency;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseStatus;

/**
 * What the gateway should do with a submission carrying an idempotency key.
 *
 * @param outcome what happened to the key
 * @param course  the request the key stands for (the gateway publishes it when told to)
 * @param status  the course's status as stored
 */
record Reservation(Outcome outcome, CourseRequested course, CourseStatus status) {

    enum Outcome {
        /** The key is new: publish this request. */
        RESERVED,
        /** The key was used for the same request, which is in the pipeline: answer with its course, publish nothing. */
        REPLAYED,
        /**
         * The key was used for the same request, but it never reached the pipeline (the gateway that reserved the key
         * failed before Kafka took the record): publish the same request again.
         */
        REPUBLISH,
        /** The key was used for a different request. */
        MISMATCH
    }
}
