package io.coursegen.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Keys made through the admin API, which storage-service keeps (as hashes): whose a key is, asked by its hash. Answers,
 * found or not, are reused for {@link StoredKeyProperties#cacheTtl()} at most, so a key revoked on any instance fails
 * on every instance within that time of its last lookup, with no message between gateways to get lost; and a burst
 * of requests with one key asks storage once (concurrent lookups share one call).
 */
public class StoredKeys {

    private static final Logger log = LoggerFactory.getLogger(StoredKeys.class);

    /** Asks storage-service: the owner of an active key with this hash, or empty. */
    private final Function<String, Mono<Optional<Tenant>>> storage;
    private final StoredKeyProperties properties;
    /** Hash -> owner (empty: no active key); a failed lookup is not kept, so the next request asks again. */
    private final AsyncCache<String, Optional<Tenant>> answers;

    StoredKeys(AdminCalls calls, StoredKeyProperties properties) {
        this(hash -> askStorage(calls, hash), properties);
    }

    StoredKeys(Function<String, Mono<Optional<Tenant>>> storage, StoredKeyProperties properties) {
        this.storage = storage;
        this.properties = properties;
        this.answers = Caffeine.newBuilder()
                .maximumSize(properties.cacheSize())
                .expireAfterWrite(properties.cacheTtl())
                .buildAsync();
    }

    /** The tenant whose active key has this SHA-256 hex; fails with {@link KeysUnavailableException} if storage cannot say. */
    Mono<Optional<Tenant>> tenantFor(String keyHash) {
        if (properties.cacheTtl().isZero()) {
            return ask(keyHash);
        }
        // the shared future must not be cancelled by one impatient caller (suppressCancel)
        return Mono.fromFuture(() -> answers.get(keyHash, (hash, executor) -> ask(hash).toFuture()), true);
    }

    /** Drops this instance's answer for a key revoked here, so not even this instance's cache outlives the revocation. */
    public void forget(String keyHash) {
        answers.synchronous().invalidate(keyHash);
    }

    private Mono<Optional<Tenant>> ask(String keyHash) {
        return Mono.defer(() -> storage.apply(keyHash))
                .timeout(properties.lookupTimeout())
                .onErrorMap(error -> !(error instanceof KeysUnavailableException), error -> {
                    log.warn("Looking up an API key at storage-service failed: {}",
                            NestedExceptionUtils.getMostSpecificCause(error).toString());
                    return new KeysUnavailableException("storage-service could not say whose the key is", error);
                });
    }

    private static Mono<Optional<Tenant>> askStorage(AdminCalls calls, String keyHash) {
        return calls.client().get().uri(calls.uri("/keys/{hash}", keyHash))
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(JsonNode.class)
                                .map(owner -> owner.path("tenantId").asString(""))
                                .filter(tenant -> !tenant.isEmpty())
                                .map(tenant -> Optional.of(new Tenant(tenant)))
                                .switchIfEmpty(Mono.error(() -> new IllegalStateException("an answer without a tenant")));
                    }
                    if (response.statusCode().value() == HttpStatus.NOT_FOUND.value()) {
                        return response.releaseBody().thenReturn(Optional.<Tenant>empty());
                    }
                    // a 401 here is a secret that differs from storage's: an operator's problem, not the caller's
                    return response.releaseBody().then(Mono.error(() -> new IllegalStateException(
                            "storage-service answered " + response.statusCode().value() + " to a key lookup")));
                });
    }
}
