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
     */
    public record OutlineLesson(
            String lessonId,
            int position,
            String title,
            String summary,
            List<String> objectives,
            List<String> keyConcepts,
            int estimatedMinutes) {
    }
}
