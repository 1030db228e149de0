package io.coursegen.outline.generation;

import io.coursegen.contracts.CourseSpec;

/** Plans a course for a request. Throws when no valid outline could be written, so Kafka retries. */
public interface OutlineWriter {

    WrittenOutline write(CourseSpec spec);
}
