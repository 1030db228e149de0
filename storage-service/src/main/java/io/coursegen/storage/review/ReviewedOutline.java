package io.coursegen.storage.review;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.OutlineDraft;
import io.coursegen.storage.course.Estimate;

/**
 * A course's outline as its owner reviews it.
 *
 * @param revision the outline's revision, which an edit or approval names in {@code If-Match}
 * @param estimate what generating this outline is expected to cost, and when it would be done if approved now
 */
public record ReviewedOutline(String courseId, CourseStatus status, int revision, OutlineDraft outline,
                              Estimate estimate) {
}
