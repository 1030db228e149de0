package io.coursegen.content.writing;

import io.coursegen.contracts.LessonRequested;
import java.util.List;

/**
 * What the model is told about the lesson, as data: this lesson's outline entry (with its module's title)
 * and where it sits in the course, not the whole course, so the prompt stays small and lessons are
 * written independently.
 */
record LessonBrief(
        String courseTitle,
        String audience,
        String level,
        String language,
        Entry lesson,
        String previousLessonTitle,
        String nextLessonTitle) {

    record Entry(String module, String title, String summary, List<String> objectives, List<String> keyConcepts,
            int estimatedMinutes) {
    }

    static LessonBrief of(LessonRequested request) {
        var lesson = request.lesson();
        return new LessonBrief(request.courseTitle(), request.spec().audience(), request.spec().level(),
                request.spec().language(),
                new Entry(lesson.module(), lesson.title(), lesson.summary(), lesson.objectives(), lesson.keyConcepts(),
                        lesson.estimatedMinutes()),
                request.previousLessonTitle(), request.nextLessonTitle());
    }
}
