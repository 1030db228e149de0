package io.coursegen.outline.fanout;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.LessonRequested;
import java.util.List;

/**
 * Everything one outline publishes.
 *
 * @param images one per lesson in lesson order, then the cover
 */
public record FanOut(CourseOutlined outlined, List<LessonRequested> lessons, List<ImageRequested> images) {
}
