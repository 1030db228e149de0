package io.coursegen.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A record on {@code course.requests} was not admitted (unreadable, not authenticated, or invalid); it started
 * no course and went to {@code course.requests.DLT}. Published on {@code course.status}, keyed by the
 * submission's requestId (or its record key), with CloudEvents type {@code io.coursegen.course.rejected.v1}.
 *
 * @param requestId the submission's requestId, null if it had none or could not be read
 * @param tenantId  the submitting tenant, null unless its credential was recognised
 * @param reasons   what was wrong, one entry per problem, e.g. {@code lessonCount: must be less than or equal to 30}
 */
public record CourseRejected(String requestId, String tenantId, List<String> reasons, Instant rejectedAt) {
}
