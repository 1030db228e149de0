package io.coursegen.storage.api;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.cancellation.CourseCancellations;
import io.coursegen.storage.export.CourseExports;
import io.coursegen.storage.export.Export;
import io.coursegen.storage.regeneration.LessonRegenerations;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/v1/courses")
class CourseController {

    /** Set by the gateway after it authenticated the caller; storage-service is not exposed to clients directly. */
    static final String TENANT_HEADER = "X-Coursegen-Tenant";
    /** The contracts' limit for a regeneration's instructions. */
    static final int MAX_INSTRUCTIONS = 500;

    private final CourseReads reads;
    private final CourseViews views;
    private final CourseExports exports;
    private final CourseCancellations cancellations;
    private final LessonRegenerations regenerations;

    CourseController(CourseReads reads, CourseViews views, CourseExports exports, CourseCancellations cancellations,
            LessonRegenerations regenerations) {
        this.reads = reads;
        this.views = views;
        this.exports = exports;
        this.cancellations = cancellations;
        this.regenerations = regenerations;
    }

    @GetMapping("/{courseId}")
    Mono<CourseView> course(@RequestHeader(TENANT_HEADER) String tenantId, @PathVariable String courseId) {
        return reads.find(tenant(tenantId), courseId)
                .switchIfEmpty(Mono.error(() -> new CourseNotFoundException(courseId)))
                // signing URLs uses the blocking MinIO client
                .publishOn(Schedulers.boundedElastic())
                .map(views::view);
    }

    /**
     * Cancels a course still being generated ({@code 202} with its status, now CANCELLED) or deletes a final one
     * ({@code 204}); someone else's or an unknown course is a 404 like every read.
     */
    @DeleteMapping("/{courseId}")
    Mono<ResponseEntity<CancelledCourse>> cancelOrDelete(@RequestHeader(TENANT_HEADER) String tenantId,
            @PathVariable String courseId) {
        return cancellations.cancelOrDelete(tenant(tenantId), courseId)
                .map(outcome -> switch (outcome.result()) {
                    case CANCELLED -> ResponseEntity.accepted().body(new CancelledCourse(courseId, CourseStatus.CANCELLED));
                    case DELETED -> ResponseEntity.noContent().<CancelledCourse>build();
                    case NOT_FOUND -> throw new CourseNotFoundException(courseId);
                });
    }

    /** The answer to a cancellation: the course's id and status, like the gateway's answer to a submission. */
    record CancelledCourse(String courseId, CourseStatus status) {
    }

    /**
     * The course as a downloadable file, streamed while it is written. 400 for a missing or unknown format (before
     * the course is looked up), 404 like every read of someone else's course, 409 unless it is COMPLETED.
     */
    @GetMapping("/{courseId}/export")
    Mono<ResponseEntity<Flux<DataBuffer>>> export(@RequestHeader(TENANT_HEADER) String tenantId,
            @PathVariable String courseId, @RequestParam(required = false) String format) {
        String tenant = tenant(tenantId);
        return exports.export(format, reads.find(tenant, courseId)
                        .switchIfEmpty(Mono.error(() -> new CourseNotFoundException(courseId))))
                .map(CourseController::download);
    }

    private static ResponseEntity<Flux<DataBuffer>> download(Export export) {
        return ResponseEntity.ok()
                .contentType(export.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, export.contentDisposition().toString())
                .body(export.body());
    }

    /**
     * Writes one lesson of a COMPLETED course again, text and picture ({@code 202}; the course is GENERATING
     * until both arrive). The optional {@code instructions} (at most {@value #MAX_INSTRUCTIONS} characters) are
     * the owner's wish for the new version. 404 like every read, 404 for a lesson the outline does not have,
     * 409 unless the course is COMPLETED, 429 over the tenant's regenerations per hour.
     */
    @PostMapping("/{courseId}/lessons/{lessonId}/regenerate")
    Mono<ResponseEntity<RegeneratingLesson>> regenerate(@RequestHeader(TENANT_HEADER) String tenantId,
            @PathVariable String courseId, @PathVariable String lessonId,
            @RequestBody(required = false) RegenerateRequest body) {
        return regenerate(tenant(tenantId), courseId, lessonId, instructions(body), LessonRegenerations.Scope.LESSON);
    }

    /**
     * Draws a completed lesson's picture again, its text left as it is: a new picture plan and picture (two
     * image-service calls), answered and refused like {@link #regenerate}; the lesson's regenerations per hour count it.
     */
    @PostMapping("/{courseId}/lessons/{lessonId}/picture/regenerate")
    Mono<ResponseEntity<RegeneratingLesson>> regeneratePicture(@RequestHeader(TENANT_HEADER) String tenantId,
            @PathVariable String courseId, @PathVariable String lessonId,
            @RequestBody(required = false) RegenerateRequest body) {
        return regenerate(tenant(tenantId), courseId, lessonId, instructions(body), LessonRegenerations.Scope.PICTURE);
    }

    private Mono<ResponseEntity<RegeneratingLesson>> regenerate(String tenant, String courseId, String lessonId,
            String instructions, LessonRegenerations.Scope scope) {
        return regenerations.regenerate(tenant, courseId, lessonId, instructions, scope)
                .map(outcome -> switch (outcome.result()) {
                    case ACCEPTED -> ResponseEntity.accepted().body(new RegeneratingLesson(courseId, lessonId,
                            outcome.revision(), CourseStatus.GENERATING));
                    case COURSE_NOT_FOUND -> throw new CourseNotFoundException(courseId);
                    case LESSON_NOT_FOUND -> throw new LessonNotFoundException(courseId, lessonId);
                    case NOT_COMPLETED -> throw new LessonNotRegenerableException(outcome.courseStatus());
                    case RATE_LIMITED -> throw new RegenerationLimitException(outcome.refusal());
                });
    }

    /** @param instructions optional; blank counts as none */
    record RegenerateRequest(String instructions) {
    }

    /** The answer to a regeneration: which revision of the lesson is being written. */
    record RegeneratingLesson(String courseId, String lessonId, int revision, CourseStatus status) {
    }

    private static String instructions(RegenerateRequest body) {
        if (body == null || body.instructions() == null || body.instructions().isBlank()) {
            return null;
        }
        String instructions = body.instructions().strip();
        if (instructions.length() > MAX_INSTRUCTIONS) {
            throw new BadRequestException("instructions must be at most " + MAX_INSTRUCTIONS + " characters");
        }
        return instructions;
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
