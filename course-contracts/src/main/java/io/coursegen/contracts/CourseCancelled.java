package io.coursegen.contracts;

import java.time.Instant;

/**
 * The owner cancelled a course that was not final yet: generating services start no further model call
 * for it, and storage keeps its status {@link CourseStatus#CANCELLED}.
 */
public record CourseCancelled(String courseId, String tenantId, Instant cancelledAt) {
}
