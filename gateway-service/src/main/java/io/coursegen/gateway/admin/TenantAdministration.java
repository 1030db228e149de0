package io.coursegen.gateway.admin;

import io.coursegen.gateway.auth.AdminCalls;
import io.coursegen.gateway.auth.ApiKeys;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * storage-service's side of the admin API ({@code /internal/admin/v1/...}), which keeps tenants, key hashes and limits.
 * Answers come back whole (they are small); a 5xx or no answer at all becomes {@link AdminUnavailableException}.
 */
@Component
class TenantAdministration {

    private static final Logger log = LoggerFactory.getLogger(TenantAdministration.class);

    private final AdminCalls calls;

    TenantAdministration(AdminCalls calls) {
        this.calls = calls;
    }

    Mono<ResponseEntity<byte[]>> createTenant(String tenantId, String key) {
        return send(HttpMethod.POST, calls.uri("/tenants"), Map.of("tenantId", tenantId, "keyHash", ApiKeys.sha256Hex(key)));
    }

    /** A tenant of this gateway's configuration exists at storage too (created there if not yet). */
    Mono<Void> ensureConfigured(String tenantId) {
        return send(HttpMethod.PUT, calls.uri("/tenants/{id}", tenantId), null)
                .flatMap(answer -> answer.getStatusCode().is2xxSuccessful() ? Mono.<Void>empty()
                        : Mono.error(new AdminUnavailableException(new IllegalStateException(
                                "storage-service answered " + answer.getStatusCode().value() + " to seeding a tenant"))));
    }

    Mono<ResponseEntity<byte[]>> limits(String tenantId) {
        return send(HttpMethod.GET, calls.uri("/tenants/{id}/limits", tenantId), null);
    }

    /** @param body the admin's JSON as sent; storage-service checks it */
    Mono<ResponseEntity<byte[]>> replaceLimits(String tenantId, byte[] body) {
        return send(HttpMethod.PUT, calls.uri("/tenants/{id}/limits", tenantId), body);
    }

    Mono<ResponseEntity<byte[]>> addKey(String tenantId, String key) {
        return send(HttpMethod.POST, calls.uri("/tenants/{id}/keys", tenantId), Map.of("keyHash", ApiKeys.sha256Hex(key)));
    }

    Mono<ResponseEntity<byte[]>> keys(String tenantId) {
        return send(HttpMethod.GET, calls.uri("/tenants/{id}/keys", tenantId), null);
    }

    Mono<ResponseEntity<byte[]>> revokeKey(String tenantId, String keyId) {
        return send(HttpMethod.DELETE, calls.uri("/tenants/{id}/keys/{keyId}", tenantId, keyId), null);
    }

    private Mono<ResponseEntity<byte[]>> send(HttpMethod method, URI uri, Object body) {
        WebClient.RequestBodySpec request = calls.client().method(method).uri(uri)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        WebClient.RequestHeadersSpec<?> withBody = body == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return withBody.exchangeToMono(response -> response.toEntity(byte[].class))
                .flatMap(answer -> answer.getStatusCode().is5xxServerError() || answer.getStatusCode().value() == 401
                        // a 401 is a secret that differs from storage's: the operator's problem, not the admin's
                        ? Mono.error(new IllegalStateException("storage-service answered "
                                + answer.getStatusCode().value() + " for " + method + " " + uri.getPath()))
                        : Mono.just(answer))
                .onErrorMap(error -> !(error instanceof ErrorResponseException), error -> {
                    log.warn("Tenant administration at storage-service failed: {}",
                            NestedExceptionUtils.getMostSpecificCause(error).toString());
                    return new AdminUnavailableException(error);
                });
    }

    static boolean isJson(ResponseEntity<byte[]> answer) {
        MediaType type = answer.getHeaders().getContentType();
        return type != null && (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) && answer.getBody() != null;
    }

    static String contentType(ResponseEntity<byte[]> answer) {
        return answer.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
    }
}
