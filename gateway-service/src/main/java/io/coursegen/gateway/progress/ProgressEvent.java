package io.coursegen.gateway.progress;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import java.time.Instant;

/** The data of one {@code status} server-sent event. Deliberately without the tenant id. */
record ProgressEvent(
        String courseId,
        CourseStatus status,
        int partsDone,
        int partsTotal,
        int percent,
        String error,
        Instant at) {

    static ProgressEvent of(String courseId, CourseStatus status, int partsDone, int partsTotal, String error,
            Instant at) {
        int percent = partsTotal <= 0 ? 0 : Math.min(100, partsDone * 100 / partsTotal);
        return new ProgressEvent(courseId, status, partsDone, partsTotal, percent, error, at);
    }

    static ProgressEvent of(CourseStatusChanged update) {
        return of(update.courseId(), update.status(), update.partsDone(), update.partsTotal(), update.error(),
                update.at());
    }

    static ProgressEvent of(String courseId, StoredCourse stored) {
        StoredCourse.Progress progress = stored.progress();
        return of(courseId, stored.status(), progress == null ? 0 : progress.partsDone(),
                progress == null ? 0 : progress.partsTotal(), stored.error(),
                stored.updatedAt() == null ? Instant.now() : stored.updatedAt());
    }

    /** Event id: changes whenever what a client would display changes. */
    String eventId() {
        return partsDone + "-" + status;
    }

    /**
     * Whether this state comes after {@code shown}. Updates may repeat (storage-service republishes on
     * replay) or predate the snapshot a stream began with, and a progress bar must never move backwards.
     */
    boolean isAfter(ProgressEvent shown) {
        int stage = stage(status);
        int shownStage = stage(shown.status);
        return stage > shownStage || (stage == shownStage && partsDone > shown.partsDone);
    }

    private static int stage(CourseStatus status) {
        return switch (status) {
            case QUEUED -> 0;
            case OUTLINING -> 1;
            // an approved outline waits for admission again (QUEUED); the stream keeps showing the outline until
            // generation starts rather than step back
            case OUTLINE_READY -> 2;
            case GENERATING -> 3;
            case COMPLETED, FAILED, CANCELLED -> 4;
        };
    }
}
