package io.coursegen.storage.intake;

import io.coursegen.contracts.CourseRequested;

/**
 * @param course         the new course, with the id, tenant and time the gateway gave it
 * @param idempotencyKey the submitter's {@code Idempotency-Key} (or requestId), null without one
 * @param requestHash    a digest of the normalised request, so a different body under the same key is recognised;
 *                       required with a key
 */
record IntakeRequest(CourseRequested course, String idempotencyKey, String requestHash) {
}
