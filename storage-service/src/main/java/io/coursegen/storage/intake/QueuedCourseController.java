package io.coursegen.storage.intake;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.storage.api.BadRequestException;
import io.coursegen.storage.course.QueuedCourses;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Internal: the gateway calls it for each accepted course, just before it publishes {@code course.requested}. */
@RestController
class QueuedCourseController {

    private static final String TENANT_HEADER = "X-Coursegen-Tenant";

    private final QueuedCourses queued;

    QueuedCourseController(QueuedCourses queued) {
        this.queued = queued;
    }

    @PostMapping("/internal/v1/courses")
    Mono<ResponseEntity<Void>> store(@RequestHeader(TENANT_HEADER) String tenantId, @RequestBody CourseRequested course) {
        if (course.courseId() == null || course.spec() == null || course.requestedAt() == null
                || !tenantId.equals(course.tenantId())) {
            return Mono.error(new BadRequestException("A queued course needs its id, the caller's tenant, its spec "
                    + "and the time it was requested"));
        }
        return queued.store(course).thenReturn(ResponseEntity.noContent().build());
    }
}
