package io.coursegen.gateway.webhooks;

import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.StorageClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** See {@link StorageClient#forwardWebhooks}. */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    private final StorageClient storage;

    WebhookController(StorageClient storage) {
        this.storage = storage;
    }

    /** Body {@code {"url": "https://...", "eventTypes": ["course.completed"]}}; answered 201 with the secret. */
    @PostMapping
    Mono<ResponseEntity<Flux<DataBuffer>>> register(ServerHttpRequest request, Tenant tenant) {
        return storage.forwardWebhooks(HttpMethod.POST, null, request.getHeaders().getContentType(), request.getBody(),
                tenant);
    }

    @GetMapping
    Mono<ResponseEntity<Flux<DataBuffer>>> list(Tenant tenant) {
        return storage.forwardWebhooks(HttpMethod.GET, null, null, null, tenant);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Flux<DataBuffer>>> delete(@PathVariable String id, Tenant tenant) {
        return storage.forwardWebhooks(HttpMethod.DELETE, id, null, null, tenant);
    }
}
