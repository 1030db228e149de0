package io.coursegen.gateway.review;

import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.moderation.CheckedBodies;
import io.coursegen.gateway.moderation.ContentPolicy;
import io.coursegen.gateway.storage.StorageClient;
import java.net.URI;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A reviewed course's outline: read, edited and approved by its owner. See {@link StorageClient#forwardOutline},
 * {@link StorageClient#forwardOutlineEdit} and {@link StorageClient#forwardApproval} for storage-service's answers.
 */
@RestController
@RequestMapping("/api/v1/courses/{id}")
class OutlineReviewController {

    private final StorageClient storage;
    private final ContentPolicy contentPolicy;

    OutlineReviewController(StorageClient storage, ContentPolicy contentPolicy) {
        this.storage = storage;
        this.contentPolicy = contentPolicy;
    }

    @GetMapping("/outline")
    Mono<ResponseEntity<Flux<DataBuffer>>> outline(@PathVariable String id, Tenant tenant) {
        return storage.forwardOutline(id, tenant);
    }

    /**
     * The body is read as JSON here (malformed JSON is the gateway's 400, more than the codec's limit a 413, as for a
     * new course) and passed on whole: storage-service owns the outline rules and lists what breaks them. Every text
     * in it (titles, summaries, objectives, key concepts, description, audience, prerequisites, whatever the shape
     * grows) passes the {@link ContentPolicy} first, named by its path ({@code modules[0].lessons[1].title}).
     */
    @PutMapping(path = "/outline", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Flux<DataBuffer>>> edit(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody JsonNode outline, Tenant tenant) {
        return contentPolicy.check(CheckedBodies.strings(outline))
                .then(Mono.defer(() -> storage.forwardOutlineEdit(id, ifMatch, outline, tenant)));
    }

    /** Accepted, the course is QUEUED again: followed where a new course is, so the 202 says where that is. */
    @PostMapping("/approve")
    Mono<ResponseEntity<Flux<DataBuffer>>> approve(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, Tenant tenant) {
        return storage.forwardApproval(id, ifMatch, tenant)
                .map(answer -> !answer.getStatusCode().is2xxSuccessful() ? answer
                        : ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                                .location(URI.create("/api/v1/courses/" + id))
                                .body(answer.getBody()));
    }
}
