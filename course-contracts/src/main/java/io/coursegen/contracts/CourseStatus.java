package io.coursegen.contracts;

/** Lifecycle of a course as clients see it. */
public enum CourseStatus {
    QUEUED, OUTLINING, GENERATING, COMPLETED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
