package io.coursegen.gateway.progress;

import io.coursegen.gateway.auth.Tenant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class ProgressController {

    private final ProgressStreams streams;

    ProgressController(ProgressStreams streams) {
        this.streams = streams;
    }

    /** No {@code produces}: a client that asks for the stream of a course it cannot see still gets a readable problem. */
    @GetMapping("/api/v1/courses/{id}/events")
    Mono<ResponseEntity<Flux<ServerSentEvent<ProgressEvent>>>> events(@PathVariable String id, Tenant tenant) {
        return streams.open(id, tenant)
                .map(events -> ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(events));
    }
}
