package io.coursegen.gateway.api;

import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.moderation.CheckedBodies;
import io.coursegen.gateway.storage.StorageClient;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The owner's hand edit of a lesson of a completed course, once every text in it passed the content policy; see
 * {@link StorageClient#forwardLessonEdit}.
 */
@RestController
@RequestMapping("/api/v1/courses")
class LessonEditController {

    private final StorageClient storage;
    private final CheckedBodies bodies;

    LessonEditController(StorageClient storage, CheckedBodies bodies) {
        this.storage = storage;
        this.bodies = bodies;
    }

    @PatchMapping("/{id}/lessons/{lessonId}")
    Mono<ResponseEntity<Flux<DataBuffer>>> edit(@PathVariable String id, @PathVariable String lessonId,
            ServerHttpRequest request, Tenant tenant) {
        return bodies.checked(request, List.of()).flatMap(body -> storage.forwardLessonEdit(id, lessonId,
                request.getHeaders().getFirst(HttpHeaders.IF_MATCH), request.getHeaders().getContentType(), body, tenant));
    }
}
