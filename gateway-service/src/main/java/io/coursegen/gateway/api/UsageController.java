package io.coursegen.gateway.api;

import io.coursegen.gateway.auth.Tenant;
import io.coursegen.gateway.storage.StorageClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The caller's calendar month (UTC) as storage-service keeps it: budget, spent, reserved for running courses,
 * remaining, and courses submitted this month by status.
 */
@RestController
class UsageController {

    private final StorageClient storage;

    UsageController(StorageClient storage) {
        this.storage = storage;
    }

    @GetMapping("/api/v1/usage")
    Mono<ResponseEntity<Flux<DataBuffer>>> usage(Tenant tenant) {
        return storage.forwardUsage(tenant);
    }
}
