package io.coursegen.contracts;

import java.time.Instant;

/**
 * content-service wrote a lesson.
 *
 * @param revision copied from the {@link LessonRequested}: null for the first generation
 */
public record LessonGenerated(String courseId, String lessonId, Lesson lesson, Usage usage, Instant generatedAt,
                              Integer revision) {

    /** A first generation, as reported before lessons could be regenerated. */
    public LessonGenerated(String courseId, String lessonId, Lesson lesson, Usage usage, Instant generatedAt) {
        this(courseId, lessonId, lesson, usage, generatedAt, null);
    }
}
