package io.coursegen.contracts;

import java.time.Instant;

/** A tenant asked for a course; the gateway accepted it. Starts the pipeline. */
public record CourseRequested(String courseId, String tenantId, CourseSpec spec, Instant requestedAt) {
}
