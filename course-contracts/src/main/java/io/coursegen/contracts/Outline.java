package io.coursegen.contracts;

import java.util.List;

/** The course's plan: what outline-service produces and every later step works from. */
public record Outline(
        String title,
        String description,
        String audience,
        List<String> prerequisites,
        List<String> learningObjectives,
        List<OutlineLesson> lessons) {

    /**
     * One lesson as planned.
     *
     * @param lessonId stable within the course ({@code lesson-01}, ...); part of every idempotency key
     * @param position 1-based
     * @param module   title of the module (a group of consecutive lessons) the lesson belongs to; null in
     *                 records written before outlines had modules
     */
    public record OutlineLesson(
            String lessonId,
            int position,
            String title,
            String summary,
            List<String> objectives,
            List<String> keyConcepts,
            int estimatedMinutes,
            String module) {

        /** A lesson outside any module, as outlines were before they had modules. */
        public OutlineLesson(String lessonId, int position, String title, String summary, List<String> objectives,
                List<String> keyConcepts, int estimatedMinutes) {
            this(lessonId, position, title, summary, objectives, keyConcepts, estimatedMinutes, null);
        }
    }
}
