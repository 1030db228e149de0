package io.coursegen.gateway.api;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.moderation.ContentPolicy;
import io.coursegen.gateway.storage.StorageClient;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
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
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/courses")
class CourseController {

    /** Whether a submission's answer repeats an earlier one under the same idempotency key. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** A regeneration body is {@code {"instructions": "..."}} of at most 500 characters: far below this. */
    static final int MAX_REGENERATE_BODY = 64 * 1024;

    private final CourseIntake intake;
    private final StorageClient storage;
    private final JsonMapper json;
    private final ContentPolicy contentPolicy;

    CourseController(CourseIntake intake, StorageClient storage, JsonMapper json, ContentPolicy contentPolicy) {
        this.intake = intake;
        this.storage = storage;
        this.json = json;
        this.contentPolicy = contentPolicy;
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
        return checkedBody(request).flatMap(body ->
                storage.forwardRegenerate(id, lessonId, request.getHeaders().getContentType(), body, tenant));
    }

    /** Only the lesson's picture drawn again, its text left as it is; see {@link StorageClient#forwardPictureRegenerate}. */
    @PostMapping("/{id}/lessons/{lessonId}/picture/regenerate")
    Mono<ResponseEntity<Flux<DataBuffer>>> regeneratePicture(@PathVariable String id, @PathVariable String lessonId,
            ServerHttpRequest request, Tenant tenant) {
        return checkedBody(request).flatMap(body ->
                storage.forwardPictureRegenerate(id, lessonId, request.getHeaders().getContentType(), body, tenant));
    }

    /**
     * The regeneration body, read whole so its {@code instructions} pass the {@link ContentPolicy} before storage hears
     * of the request, then passed on as sent. A body that is not such JSON is passed on unchecked: storage-service
     * refuses it (400) and nothing is generated.
     */
    private Mono<Flux<DataBuffer>> checkedBody(ServerHttpRequest request) {
        if (!contentPolicy.enabled()) {
            return Mono.just(request.getBody());
        }
        return DataBufferUtils.join(request.getBody(), MAX_REGENERATE_BODY)
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .onErrorMap(DataBufferLimitException.class, tooLarge -> new ResponseStatusException(
                        HttpStatus.CONTENT_TOO_LARGE, "The body is larger than " + MAX_REGENERATE_BODY + " bytes"))
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> contentPolicy.check(List.of(new ContentPolicy.Field("instructions", instructionsIn(bytes))))
                        .thenReturn(bytes))
                .map(bytes -> bytes.length == 0 ? Flux.<DataBuffer>empty()
                        : Flux.<DataBuffer>just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
    }

    private String instructionsIn(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode instructions = json.readTree(body).path("instructions");
            return instructions.isString() ? instructions.asString() : null;
        } catch (JacksonException unreadable) {
            return null;
        }
    }

    /** A lesson added to a completed course, written and drawn; see {@link StorageClient#forwardLessonAddition}. */
    @PostMapping("/{id}/lessons")
    Mono<ResponseEntity<Flux<DataBuffer>>> addLesson(@PathVariable String id, ServerHttpRequest request, Tenant tenant) {
        return storage.forwardLessonAddition(id, request.getHeaders().getContentType(), request.getBody(), tenant);
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
