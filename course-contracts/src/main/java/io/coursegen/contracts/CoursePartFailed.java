package io.coursegen.contracts;

import java.time.Instant;

/**
 * A part of a course could not be produced after all retries; the course cannot complete.
 *
 * @param partId {@code outline}, {@code lesson:<lessonId>} or {@code image:<imageId>}
 */
public record CoursePartFailed(String courseId, String partId, String reason, Instant failedAt) {
}
