package io.coursegen.storage.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/v1/courses")
class CourseController {

    /** Set by the gateway after it authenticated the caller; storage-service is not exposed to clients directly. */
    static final String TENANT_HEADER = "X-Coursegen-Tenant";

    private final CourseReads reads;
    private final CourseViews views;

    CourseController(CourseReads reads, CourseViews views) {
        this.reads = reads;
        this.views = views;
    }

    @GetMapping("/{courseId}")
    Mono<CourseView> course(@RequestHeader(TENANT_HEADER) String tenantId, @PathVariable String courseId) {
        return reads.find(tenant(tenantId), courseId)
                .switchIfEmpty(Mono.error(() -> new CourseNotFoundException(courseId)))
                // signing URLs uses the blocking MinIO client
                .publishOn(Schedulers.boundedElastic())
                .map(views::view);
    }

    @GetMapping
    Mono<CoursePage> courses(@RequestHeader(TENANT_HEADER) String tenantId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor) {
        ListQuery query = ListQuery.parse(status, limit, cursor);
        return reads.page(tenant(tenantId), query);
    }

    private static String tenant(String tenantId) {
        if (tenantId.isBlank()) {
            throw new BadRequestException("Header " + TENANT_HEADER + " must not be blank");
        }
        return tenantId;
    }
}
