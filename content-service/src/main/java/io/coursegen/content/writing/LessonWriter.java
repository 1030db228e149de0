package io.coursegen.content.writing;

import io.coursegen.contracts.LessonRequested;

/** Writes the requested lesson. Throws when no valid lesson could be written, so Kafka retries. */
public interface LessonWriter {

    WrittenLesson write(LessonRequested request);
}
