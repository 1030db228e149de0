package io.coursegen.gateway.admin;

import io.coursegen.gateway.auth.ApiKeys;
import io.coursegen.gateway.auth.StoredKeys;
import io.coursegen.gateway.auth.TenantKeys;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admin API. A new key is in the 201 answer and nowhere else (storage-service gets its hash), so the answer is
 * marked {@code no-store}. A tenant of this gateway's {@code COURSEGEN_API_KEYS} exists already (409 on create) and
 * can be administered like any other. storage-service's 4xx problems (unknown tenant or key, invalid limits) are
 * answered as they are, with this request's path as their {@code instance}.
 */
@RestController
@RequestMapping("/admin/v1/tenants")
class AdminController {

    static final String TENANT_EXISTS = "https://coursegen.io/problems/tenant-exists";
    private static final Logger log = LoggerFactory.getLogger(AdminController.class);
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final TenantAdministration storage;
    private final TenantKeys tenantKeys;
    private final StoredKeys storedKeys;
    private final JsonMapper json;
    private final NewKeys newKeys = new NewKeys();

    AdminController(TenantAdministration storage, TenantKeys tenantKeys, StoredKeys storedKeys, JsonMapper json) {
        this.storage = storage;
        this.tenantKeys = tenantKeys;
        this.storedKeys = storedKeys;
        this.json = json;
    }

    @PostMapping
    Mono<ResponseEntity<byte[]>> create(@Valid @RequestBody NewTenant request, ServerWebExchange exchange) {
        String tenantId = request.tenantId();
        if (tenantKeys.isConfigured(tenantId)) {
            return Mono.error(exists(tenantId));
        }
        String key = newKeys.next();
        return storage.createTenant(tenantId, key)
                .map(answer -> {
                    if (answer.getStatusCode().value() != HttpStatus.CREATED.value()) {
                        return passedOn(answer, exchange);
                    }
                    log.info("Admin created tenant {}", tenantId);
                    return withKey(answer, key, URI.create("/admin/v1/tenants/" + tenantId));
                });
    }

    @GetMapping("/{tenantId}/limits")
    Mono<ResponseEntity<byte[]>> limits(@PathVariable String tenantId, ServerWebExchange exchange) {
        return known(tenantId).then(storage.limits(tenantId)).map(answer -> passedOn(answer, exchange));
    }

    /** The body is the tenant's own limits; a field left out or null means the default. */
    @PutMapping(path = "/{tenantId}/limits", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<byte[]>> replaceLimits(@PathVariable String tenantId, @RequestBody byte[] body,
            ServerWebExchange exchange) {
        return known(tenantId).then(Mono.defer(() -> storage.replaceLimits(tenantId, body)))
                .doOnNext(answer -> {
                    if (answer.getStatusCode().is2xxSuccessful()) {
                        log.info("Admin replaced the limits of tenant {}", tenantId);
                    }
                })
                .map(answer -> passedOn(answer, exchange));
    }

    @PostMapping("/{tenantId}/keys")
    Mono<ResponseEntity<byte[]>> addKey(@PathVariable String tenantId, ServerWebExchange exchange) {
        String key = newKeys.next();
        return known(tenantId).then(Mono.defer(() -> storage.addKey(tenantId, key)))
                .map(answer -> {
                    if (answer.getStatusCode().value() != HttpStatus.CREATED.value()) {
                        return passedOn(answer, exchange);
                    }
                    log.info("Admin added a key to tenant {}", tenantId);
                    return withKey(answer, key, null);
                });
    }

    /** The tenant's keys made here (ids and times, never the keys), revoked ones included. */
    @GetMapping("/{tenantId}/keys")
    Mono<ResponseEntity<byte[]>> keys(@PathVariable String tenantId, ServerWebExchange exchange) {
        return known(tenantId).then(Mono.defer(() -> storage.keys(tenantId))).map(answer -> passedOn(answer, exchange));
    }

    /**
     * Revoked for good once this answers 204: storage-service no longer finds the key, this instance forgets its
     * cached answer now, and every other instance within its cache's lifetime (at most 1 s).
     */
    @DeleteMapping("/{tenantId}/keys/{keyId}")
    Mono<ResponseEntity<byte[]>> revokeKey(@PathVariable String tenantId, @PathVariable String keyId,
            ServerWebExchange exchange) {
        if (!KEY_ID.matcher(keyId).matches()) {
            return Mono.error(notFound("unknown-key", "Unknown key", "Tenant " + tenantId + " has no key " + keyId));
        }
        return known(tenantId).then(Mono.defer(() -> storage.revokeKey(tenantId, keyId)))
                .map(answer -> {
                    if (!answer.getStatusCode().is2xxSuccessful()) {
                        return passedOn(answer, exchange);
                    }
                    JsonNode revoked = json.readTree(answer.getBody());
                    storedKeys.forget(revoked.path("keyHash").asString(""));
                    log.info("Admin revoked key {} of tenant {}", keyId, tenantId);
                    return ResponseEntity.noContent().build();
                });
    }

    /**
     * Completes for a well-formed tenant id, after making sure a tenant of this gateway's configuration exists at
     * storage-service too; whether the tenant exists is storage-service's answer to the call that follows.
     */
    private Mono<Void> known(String tenantId) {
        if (tenantId == null || !ApiKeys.TENANT_ID.matcher(tenantId).matches()) {
            return Mono.error(notFound("unknown-tenant", "Unknown tenant", "No tenant " + tenantId));
        }
        return tenantKeys.isConfigured(tenantId) ? storage.ensureConfigured(tenantId) : Mono.empty();
    }

    /** storage-service's answer with the new key added: the one time it is shown. */
    private ResponseEntity<byte[]> withKey(ResponseEntity<byte[]> answer, String key, URI location) {
        ObjectNode created = (ObjectNode) json.readTree(answer.getBody());
        created.put("apiKey", key);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON);
        if (location != null) {
            response.location(location);
        }
        return response.body(json.writeValueAsBytes(created));
    }

    /** storage-service's answer as it is, a problem naming this request rather than storage's path. */
    private ResponseEntity<byte[]> passedOn(ResponseEntity<byte[]> answer, ServerWebExchange exchange) {
        byte[] body = answer.getBody();
        if (TenantAdministration.isJson(answer) && json.readTree(body) instanceof ObjectNode problem
                && problem.has("status") && answer.getStatusCode().isError()) {
            problem.put("instance", exchange.getRequest().getPath().value());
            body = json.writeValueAsBytes(problem);
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.getStatusCode());
        String contentType = TenantAdministration.contentType(answer);
        if (contentType != null) {
            response.header("Content-Type", contentType);
        }
        return response.body(body);
    }

    private static ErrorResponseException exists(String tenantId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Tenant " + tenantId + " exists already");
        problem.setType(URI.create(TENANT_EXISTS));
        problem.setTitle("Tenant exists");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private static ErrorResponseException notFound(String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setType(URI.create("https://coursegen.io/problems/" + type));
        problem.setTitle(title);
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
