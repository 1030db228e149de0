package io.coursegen.gateway.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.gateway.auth.Tenant;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Courses this gateway accepted in the last minutes. storage-service creates a course's document when it
 * consumes {@code course.requested}, a moment after the client got its 202, so a read straight after the
 * POST could find nothing. For a course remembered here, storage-service's 404 is answered with the
 * course as it stands: QUEUED, nothing generated yet. The memory is per gateway instance; behind several
 * instances, reads that reach another instance in that moment can still see a 404.
 */
@Component
public class AcceptedCourses {

    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(15);

    private final Cache<String, CourseRequested> recent = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(REMEMBERED_FOR)
            .build();

    public void remember(CourseRequested requested) {
        recent.put(requested.courseId(), requested);
    }

    /** After its owner deleted it: from now on storage-service's 404 is the answer. */
    void forget(String courseId) {
        recent.invalidate(courseId);
    }

    /** Whether this tenant's course was accepted here in the last minutes. */
    boolean remembers(String courseId, Tenant tenant) {
        CourseRequested requested = recent.getIfPresent(courseId);
        return requested != null && requested.tenantId().equals(tenant.id());
    }

    /** The QUEUED course in storage-service's read shape, if this tenant's course was accepted here. */
    Optional<Map<String, Object>> queuedView(String courseId, Tenant tenant) {
        CourseRequested requested = recent.getIfPresent(courseId);
        if (requested == null || !requested.tenantId().equals(tenant.id())) {
            return Optional.empty();
        }
        int lessons = requested.spec().lessonCount();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("courseId", courseId);
        view.put("status", CourseStatus.QUEUED);
        view.put("request", requested.spec());
        view.put("progress", Map.of("partsDone", 0, "partsTotal", 1 + lessons + lessons + 1, "percent", 0));
        view.put("outline", null);
        view.put("cover", null);
        view.put("lessons", List.of());
        view.put("usage", Map.of("llmCalls", 0, "promptTokens", 0, "completionTokens", 0, "images", 0));
        view.put("failures", List.of());
        view.put("error", null);
        view.put("createdAt", requested.requestedAt());
        view.put("updatedAt", requested.requestedAt());
        view.put("completedAt", null);
        return Optional.of(view);
    }
}
