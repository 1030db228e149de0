package io.coursegen.contracts;

/**
 * A team's approval of a reviewed course's outline on {@code course.requests} (or its own
 * {@code course.requests.<tenantId>}), for teams that integrate without REST: what
 * {@code POST /api/v1/courses/{id}/approve} does. Authenticated like a submission; told apart from one by its
 * {@code approve} field. An approval that cannot be applied is answered by a {@link CourseRejected} keyed by the
 * course id; approving an already approved outline again changes nothing.
 *
 * @param approve         the id of the course whose outline is approved
 * @param outlineRevision the outline revision approved (as {@code If-Match}); null approves the current one
 */
public record CourseApproval(String approve, Integer outlineRevision) {
}
