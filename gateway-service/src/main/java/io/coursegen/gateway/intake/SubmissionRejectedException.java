package io.coursegen.gateway.intake;

import io.coursegen.contracts.CourseRejected;

/**
 * A submission was not admitted and its rejection is already published: another attempt could only repeat
 * both, so {@code coursegen.kafka.retry.not-retryable} names this class and the record goes to the DLT at once.
 */
class SubmissionRejectedException extends RuntimeException {

    SubmissionRejectedException(CourseRejected rejection) {
        super("Submission rejected: " + String.join("; ", rejection.reasons()));
    }
}
