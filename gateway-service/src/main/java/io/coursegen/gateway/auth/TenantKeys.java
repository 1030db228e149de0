package io.coursegen.gateway.auth;

import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Whose an API key is, for every way in (REST and Kafka intake): a configured key ({@code COURSEGEN_API_KEYS}) is
 * answered here at once; any other key that could be one (long enough) is looked up among the keys the admin API
 * made ({@link StoredKeys}).
 */
public class TenantKeys {

    /** Longer than any key anyone makes; a longer header is not worth a lookup. */
    private static final int MAX_KEY_LENGTH = 256;

    private final ApiKeys configured;
    private final StoredKeys stored;
    private final Duration blockingTimeout;

    TenantKeys(ApiKeys configured, StoredKeys stored, StoredKeyProperties properties) {
        this.configured = configured;
        this.stored = stored;
        // the lookup times out by itself; this only keeps a stuck subscription from holding a thread forever
        this.blockingTimeout = properties.lookupTimeout().plusSeconds(1);
    }

    /** Empty for an unknown or revoked key; fails with {@link KeysUnavailableException} if storage cannot say. */
    public Mono<Optional<Tenant>> tenantFor(String presentedKey) {
        Optional<Tenant> tenant = configured.tenantFor(presentedKey);
        if (tenant.isPresent() || !couldBeAKey(presentedKey)) {
            return Mono.just(tenant);
        }
        return stored.tenantFor(ApiKeys.sha256Hex(presentedKey));
    }

    /**
     * The same, waiting for the answer: for threads that may block (Kafka listeners), never for an event loop.
     *
     * @throws KeysUnavailableException if storage cannot say
     */
    public Optional<Tenant> tenantForBlocking(String presentedKey) {
        try {
            return tenantFor(presentedKey).blockOptional(blockingTimeout).orElse(Optional.empty());
        } catch (IllegalStateException timedOut) {
            throw new KeysUnavailableException("no answer from storage-service in time", timedOut);
        }
    }

    /** Whether the tenant has keys in this gateway's configuration. */
    public boolean isConfigured(String tenantId) {
        return configured.hasTenant(tenantId);
    }

    /** Generated and configured keys are at least this long; a shorter one cannot be anyone's. */
    private static boolean couldBeAKey(String presentedKey) {
        return presentedKey.length() >= ApiKeys.MIN_KEY_LENGTH && presentedKey.length() <= MAX_KEY_LENGTH;
    }
}
