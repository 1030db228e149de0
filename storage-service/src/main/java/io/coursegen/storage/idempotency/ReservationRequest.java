package io.coursegen.storage.idempotency;

import io.coursegen.contracts.CourseRequested;

/**
 * @param key         the client's {@code Idempotency-Key}
 * @param requestHash a digest of the normalised request, so a different body under the same key is recognised
 * @param course      the request to publish if the key is new; its tenant must be the caller's
 */
record ReservationRequest(String key, String requestHash, CourseRequested course) {
}
