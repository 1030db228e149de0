package io.coursegen.contracts;

import java.time.Instant;

/** outline-service planned the course; lesson and image requests follow. */
public record CourseOutlined(String courseId, String tenantId, Outline outline, Usage usage, Instant outlinedAt) {
}
