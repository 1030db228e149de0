package io.coursegen.storage.webhooks;

import io.coursegen.storage.api.BadRequestException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A tenant's webhooks, behind the gateway like the course API (the gateway authenticates and names the tenant in
 * {@value #TENANT_HEADER}): register (201, with the signing secret, shown only here), list (with each webhook's
 * last delivery) and delete.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    static final String TENANT_HEADER = "X-Coursegen-Tenant";

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping
    Mono<ResponseEntity<Map<String, Object>>> register(@RequestHeader(TENANT_HEADER) String tenantId,
            @RequestBody WebhookRegistration registration) {
        return Mono.defer(() -> webhooks.register(tenant(tenantId), registration))
                .map(created -> ResponseEntity.status(HttpStatus.CREATED).body(created));
    }

    @GetMapping
    Mono<Map<String, List<Map<String, Object>>>> list(@RequestHeader(TENANT_HEADER) String tenantId) {
        return Mono.defer(() -> webhooks.list(tenant(tenantId))).map(items -> Map.of("items", items));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@RequestHeader(TENANT_HEADER) String tenantId, @PathVariable String id) {
        return Mono.defer(() -> webhooks.delete(tenant(tenantId), id))
                .flatMap(deleted -> deleted ? Mono.just(ResponseEntity.noContent().<Void>build())
                        : Mono.error(new ErrorResponseException(HttpStatus.NOT_FOUND,
                                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No webhook " + id), null)));
    }

    private static String tenant(String tenantId) {
        if (tenantId.isBlank()) {
            throw new BadRequestException("The " + TENANT_HEADER + " header is empty");
        }
        return tenantId;
    }
}
