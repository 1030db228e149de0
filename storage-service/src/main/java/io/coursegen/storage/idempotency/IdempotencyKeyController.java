package io.coursegen.storage.idempotency;

import io.coursegen.storage.api.BadRequestException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Internal: only the gateway calls it, after authenticating the caller, before it publishes a submission that
 * carries an {@code Idempotency-Key}.
 */
@RestController
class IdempotencyKeyController {

    private static final String TENANT_HEADER = "X-Coursegen-Tenant";

    private final IdempotencyKeys keys;

    IdempotencyKeyController(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/internal/v1/idempotency-keys")
    Mono<Reservation> reserve(@RequestHeader(TENANT_HEADER) String tenantId, @RequestBody ReservationRequest request) {
        if (tenantId.isBlank() || request.key() == null || request.key().isBlank() || request.requestHash() == null
                || request.course() == null || request.course().courseId() == null || request.course().spec() == null
                || request.course().requestedAt() == null || !tenantId.equals(request.course().tenantId())) {
            return Mono.error(new BadRequestException(
                    "An idempotency key reservation needs the tenant's key, the request's hash and its course request"));
        }
        return keys.reserve(tenantId, request);
    }
}
