package io.coursegen.contracts;

import java.time.Instant;

/**
 * storage-service's view of a course after it applied an event. Published after every applied
 * event, so a replay may repeat one: consumers treat it as the latest snapshot, not a delta.
 */
public record CourseStatusChanged(
        String courseId,
        String tenantId,
        CourseStatus status,
        int partsDone,
        int partsTotal,
        String error,
        Instant at) {
}
