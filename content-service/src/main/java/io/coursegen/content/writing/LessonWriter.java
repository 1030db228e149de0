package io.coursegen.content.writing;

import io.coursegen.contracts.LessonRequested;
import java.util.List;

/**
 * Writes the requested lesson, in the course's language. Throws when no valid lesson could be written:
 * {@link io.coursegen.llm.InvalidAnswerException} when the model's answer was invalid even after its
 * repair, {@link io.coursegen.llm.CourseLanguage.UnsupportedLanguageException} for a language no prompt
 * exists for, and transport errors as the client reports them.
 */
public interface LessonWriter {

    /**
     * @param flaggedCategories the content-policy categories an earlier draft was flagged for, named to the model as
     *                          what to avoid; empty for a first draft
     */
    WrittenLesson write(LessonRequested request, List<String> flaggedCategories);

    default WrittenLesson write(LessonRequested request) {
        return write(request, List.of());
    }
}
