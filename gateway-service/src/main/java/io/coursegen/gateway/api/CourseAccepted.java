package io.coursegen.gateway.api;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.gateway.storage.Acceptance.Estimate;

/**
 * The answer to an accepted course request: where to follow it, and what it is expected to cost and when it should be
 * done (reserved against the tenant's monthly budget).
 */
record CourseAccepted(String courseId, CourseStatus status, Estimate estimate) {
}
