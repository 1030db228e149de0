package io.coursegen.contracts;

import java.time.Instant;

/** content-service wrote a lesson. */
public record LessonGenerated(String courseId, String lessonId, Lesson lesson, Usage usage, Instant generatedAt) {
}
