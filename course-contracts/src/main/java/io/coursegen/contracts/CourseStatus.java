package io.coursegen.contracts;

/**
 * Lifecycle of a course as clients see it. {@link #OUTLINE_READY} only for a course whose request asked for outline
 * review: it waits there, outside the generation capacity, until its owner approves the outline (then QUEUED again
 * until admitted, then GENERATING) or cancels it, or its review time runs out (CANCELLED).
 */
public enum CourseStatus {
    QUEUED, OUTLINING, OUTLINE_READY, GENERATING, COMPLETED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
