package io.coursegen.gateway.api;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.moderation.CheckedBodies;
import io.coursegen.gateway.storage.StorageClient;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/courses")
class CourseController {

    /** Whether a submission's answer repeats an earlier one under the same idempotency key. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** The one text of a regeneration's body ({@code {"instructions": "..."}}) the content policy judges. */
    private static final List<String> INSTRUCTIONS = List.of("instructions");

    private final CourseIntake intake;
    private final StorageClient storage;
    private final JsonMapper json;
    private final CheckedBodies bodies;

    CourseController(CourseIntake intake, StorageClient storage, JsonMapper json, CheckedBodies bodies) {
        this.intake = intake;
        this.storage = storage;
        this.json = json;
        this.bodies = bodies;
    }

    /**
     * Accepts a course (202 with its id and where to follow it). With an {@code Idempotency-Key} header, the same
     * key and request within 24 hours answer the same course again, marked {@code Idempotent-Replayed: true}; the
     * same key with a different request is a 422.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CourseAccepted>> submit(@Valid @RequestBody CourseRequest request, Tenant tenant,
            @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        CourseSpec spec = request.toSpec();
        Mono<CourseIntake.Submission> submission = idempotencyKey == null ? intake.submit(tenant, spec, null)
                : Mono.fromCallable(() -> IdempotencyKey.of(idempotencyKey, spec, json))
                        .flatMap(key -> intake.submit(tenant, spec, key));
        return submission.map(accepted -> ResponseEntity.accepted()
                .location(URI.create("/api/v1/courses/" + accepted.courseId()))
                .headers(headers -> {
                    if (accepted.replayed()) {
                        headers.set(REPLAYED_HEADER, "true");
                    }
                })
                .body(new CourseAccepted(accepted.courseId(), accepted.status(), accepted.estimate())));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<Flux<DataBuffer>>> course(@PathVariable String id, Tenant tenant) {
        return storage.forwardCourse(id, tenant);
    }

    /** Cancels the caller's running course (202) or deletes its final one (204); see {@link StorageClient#forwardCancel}. */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Flux<DataBuffer>>> cancelOrDelete(@PathVariable String id, Tenant tenant) {
        return storage.forwardCancel(id, tenant);
    }

    /**
     * Writes one lesson of the caller's completed course again (optional body {@code {"instructions": "..."}});
     * see {@link StorageClient#forwardRegenerate}.
     */
    @PostMapping("/{id}/lessons/{lessonId}/regenerate")
    Mono<ResponseEntity<Flux<DataBuffer>>> regenerate(@PathVariable String id, @PathVariable String lessonId,
            ServerHttpRequest request, Tenant tenant) {
        return bodies.checked(request, INSTRUCTIONS).flatMap(body ->
                storage.forwardRegenerate(id, lessonId, request.getHeaders().getContentType(), body, tenant));
    }

    /** Only the lesson's picture drawn again, its text left as it is; see {@link StorageClient#forwardPictureRegenerate}. */
    @PostMapping("/{id}/lessons/{lessonId}/picture/regenerate")
    Mono<ResponseEntity<Flux<DataBuffer>>> regeneratePicture(@PathVariable String id, @PathVariable String lessonId,
            ServerHttpRequest request, Tenant tenant) {
        return bodies.checked(request, INSTRUCTIONS).flatMap(body ->
                storage.forwardPictureRegenerate(id, lessonId, request.getHeaders().getContentType(), body, tenant));
    }

    /**
     * A lesson added to a completed course, written and drawn, once every text of it passed the content policy; see
     * {@link StorageClient#forwardLessonAddition}.
     */
    @PostMapping("/{id}/lessons")
    Mono<ResponseEntity<Flux<DataBuffer>>> addLesson(@PathVariable String id, ServerHttpRequest request, Tenant tenant) {
        return bodies.checked(request, List.of()).flatMap(body ->
                storage.forwardLessonAddition(id, request.getHeaders().getContentType(), body, tenant));
    }

    /** A lesson removed from a completed course; see {@link StorageClient#forwardLessonRemoval}. */
    @DeleteMapping("/{id}/lessons/{lessonId}")
    Mono<ResponseEntity<Flux<DataBuffer>>> removeLesson(@PathVariable String id, @PathVariable String lessonId,
            Tenant tenant) {
        return storage.forwardLessonRemoval(id, lessonId, tenant);
    }

    @GetMapping
    Mono<ResponseEntity<Flux<DataBuffer>>> courses(ServerHttpRequest request, Tenant tenant) {
        return storage.forwardCourseList(request.getURI().getRawQuery(), tenant);
    }

    /** A completed course as a file ({@code format=json|markdown|html|scorm12}), streamed from storage-service. */
    @GetMapping("/{id}/export")
    Mono<ResponseEntity<Flux<DataBuffer>>> export(@PathVariable String id, ServerHttpRequest request, Tenant tenant) {
        return storage.forwardExport(id, request.getURI().getRawQuery(), tenant);
    }
}
