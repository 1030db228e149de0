package io.coursegen.contracts;

/**
 * Write one lesson. Carries only what the lesson needs, not the whole outline, so the prompt stays
 * small.
 *
 * @param previousLessonTitle null for the first lesson
 * @param nextLessonTitle     null for the last lesson
 * @param revision            null for the first generation; 2, 3, ... when the owner asked to regenerate the lesson
 * @param instructions        the owner's wish for a regeneration (user text, at most 500 characters); null otherwise
 */
public record LessonRequested(
        String courseId,
        String tenantId,
        String courseTitle,
        CourseSpec spec,
        Outline.OutlineLesson lesson,
        String previousLessonTitle,
        String nextLessonTitle,
        Integer revision,
        String instructions) {

    /** A first generation, as requested before lessons could be regenerated. */
    public LessonRequested(String courseId, String tenantId, String courseTitle, CourseSpec spec,
            Outline.OutlineLesson lesson, String previousLessonTitle, String nextLessonTitle) {
        this(courseId, tenantId, courseTitle, spec, lesson, previousLessonTitle, nextLessonTitle, null, null);
    }
}
