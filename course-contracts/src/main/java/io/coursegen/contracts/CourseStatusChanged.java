package io.coursegen.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * storage-service's view of a course after it applied an event. Published after every applied
 * event, so a replay may repeat one: consumers treat it as the latest snapshot, not a delta.
 *
 * @param summary the finished course in brief with where to read it; set only when {@code status} is COMPLETED
 */
public record CourseStatusChanged(
        String courseId,
        String tenantId,
        CourseStatus status,
        int partsDone,
        int partsTotal,
        String error,
        Instant at,
        Summary summary) {

    /** A status without a summary (every status but COMPLETED). */
    public CourseStatusChanged(String courseId, String tenantId, CourseStatus status, int partsDone, int partsTotal,
            String error, Instant at) {
        this(courseId, tenantId, status, partsDone, partsTotal, error, at, null);
    }

    /**
     * @param lessonCount the lessons the course has
     * @param links       where the course is read, relative to the gateway's base URL
     */
    public record Summary(String title, String description, String language, int lessonCount, Links links) {
    }

    /**
     * @param course  the course's REST resource, {@code /api/v1/courses/<courseId>}
     * @param exports the download of each export format (json, markdown, html, scorm12)
     */
    public record Links(String course, Map<String, String> exports) {
    }
}
