package io.coursegen.gateway.progress;

import io.coursegen.gateway.auth.Tenant;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
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

    /**
     * Our problems (429 too many streams, 503 storage unavailable, 400 malformed id) as problem+json also to a client
     * that accepts only {@code text/event-stream}, as EventSource does: content negotiation would send it the problem
     * as an event. storage-service's own problems (404) keep their content type already.
     */
    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> problem(ErrorResponseException error, ServerWebExchange exchange) {
        ProblemDetail problem = error.getBody();
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        }
        return ResponseEntity.status(error.getStatusCode())
                .headers(error.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
