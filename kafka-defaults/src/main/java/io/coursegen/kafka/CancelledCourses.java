package io.coursegen.kafka;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The courses whose owner cancelled them, as far as this instance has read {@code course.cancelled}: a
 * generating service asks before each model call and skips the work for a cancelled course. Bounded and
 * expiring, because a cancellation only matters while the course's requests can still be in the topics;
 * a course forgotten after that long would at worst cost one more call, never a wrong result (storage
 * keeps a cancelled course cancelled).
 */
public class CancelledCourses {

    private final Cache<String, Boolean> cancelled;

    public CancelledCourses(Duration remembered, long maxCourses) {
        this.cancelled = Caffeine.newBuilder()
                .expireAfterWrite(remembered)
                .maximumSize(maxCourses)
                .build();
    }

    public void add(String courseId) {
        cancelled.put(courseId, Boolean.TRUE);
    }

    public boolean contains(String courseId) {
        return courseId != null && cancelled.getIfPresent(courseId) != null;
    }
}
