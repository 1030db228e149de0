package io.coursegen.contracts;

import java.util.List;

/** Kafka topic names. Every record is keyed by its courseId. */
public final class Topics {

    public static final String COURSE_REQUESTED = "course.requested";
    public static final String COURSE_OUTLINED = "course.outlined";
    public static final String LESSON_REQUESTED = "lesson.requested";
    public static final String IMAGE_REQUESTED = "image.requested";
    public static final String LESSON_GENERATED = "lesson.generated";
    public static final String IMAGE_GENERATED = "image.generated";
    public static final String COURSE_PART_FAILED = "course.part-failed";
    public static final String COURSE_STATUS = "course.status";
    public static final String COURSE_CANCELLED = "course.cancelled";

    /** Suffix spring-kafka's dead-letter recoverer appends to a topic name. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    public static final List<String> ALL = List.of(
            COURSE_REQUESTED, COURSE_OUTLINED, LESSON_REQUESTED, IMAGE_REQUESTED,
            LESSON_GENERATED, IMAGE_GENERATED, COURSE_PART_FAILED, COURSE_STATUS, COURSE_CANCELLED);

    private Topics() {
    }
}
