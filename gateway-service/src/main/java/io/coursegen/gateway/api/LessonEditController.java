package io.coursegen.gateway.api;

import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.StorageClient;
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

/** The owner's hand edit of a lesson of a completed course; see {@link StorageClient#forwardLessonEdit}. */
@RestController
@RequestMapping("/api/v1/courses")
class LessonEditController {

    private final StorageClient storage;

    LessonEditController(StorageClient storage) {
        this.storage = storage;
    }

    @PatchMapping("/{id}/lessons/{lessonId}")
    Mono<ResponseEntity<Flux<DataBuffer>>> edit(@PathVariable String id, @PathVariable String lessonId,
            ServerHttpRequest request, Tenant tenant) {
        return storage.forwardLessonEdit(id, lessonId, request.getHeaders().getFirst(HttpHeaders.IF_MATCH),
                request.getHeaders().getContentType(), request.getBody(), tenant);
    }
}
