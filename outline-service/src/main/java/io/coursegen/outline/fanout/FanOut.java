package io.coursegen.outline.fanout;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.PartRequests;

/**
 * Everything one outline publishes: the numbered outline, then the lesson and picture requests it implies (none for
 * an outline that waits for its owner's review).
 */
public record FanOut(CourseOutlined outlined, PartRequests parts) {

    /** Only the outline: nothing is generated before the owner approves it. */
    static FanOut forReview(CourseOutlined outlined) {
        return new FanOut(outlined, PartRequests.none(outlined.courseId()));
    }
}
