package io.coursegen.gateway.api;

import io.coursegen.contracts.CourseStatus;

/** The answer to an accepted course request: where to follow it. */
record CourseAccepted(String courseId, CourseStatus status) {
}
