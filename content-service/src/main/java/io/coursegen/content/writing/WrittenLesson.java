package io.coursegen.content.writing;

import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Usage;

/** A valid lesson and what writing it cost. */
public record WrittenLesson(Lesson lesson, Usage usage) {
}
