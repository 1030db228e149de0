package io.coursegen.contracts;

/**
 * Write one lesson. Carries only what the lesson needs, not the whole outline, so the prompt stays
 * small.
 *
 * @param previousLessonTitle null for the first lesson
 * @param nextLessonTitle     null for the last lesson
 */
public record LessonRequested(
        String courseId,
        String tenantId,
        String courseTitle,
        CourseSpec spec,
        Outline.OutlineLesson lesson,
        String previousLessonTitle,
        String nextLessonTitle) {
}
