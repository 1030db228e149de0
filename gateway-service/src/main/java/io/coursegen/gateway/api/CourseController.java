package io.coursegen.gateway.api;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.StorageClient;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/courses")
class CourseController {

    private final CourseIntake intake;
    private final StorageClient storage;

    CourseController(CourseIntake intake, StorageClient storage) {
        this.intake = intake;
        this.storage = storage;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CourseAccepted>> submit(@Valid @RequestBody CourseRequest request, Tenant tenant) {
        return intake.submit(tenant, request.toSpec())
                .map(courseId -> ResponseEntity.accepted()
                        .location(URI.create("/api/v1/courses/" + courseId))
                        .body(new CourseAccepted(courseId, CourseStatus.QUEUED)));
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
        return storage.forwardRegenerate(id, lessonId, request.getHeaders().getContentType(), request.getBody(), tenant);
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
