package io.coursegen.outline.fanout;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.PartRequests;

/** Everything one outline publishes: the numbered outline, then the lesson and picture requests it implies. */
public record FanOut(CourseOutlined outlined, PartRequests parts) {
}
