package io.coursegen.gateway.auth;

import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/** Key lookups for unit tests, without a storage-service. */
final class KeyFixtures {

    static final String ADMIN_KEY = "the-admin-key-0123456789abcdef";
    static final StoredKeyProperties PROPERTIES = new StoredKeyProperties(Duration.ofMillis(500), 100, Duration.ofSeconds(1));

    private KeyFixtures() {
    }

    /** Only the configured keys: storage-service knows no key. */
    static TenantKeys configuredOnly(ApiKeys configured) {
        return new TenantKeys(configured, new StoredKeys(hash -> Mono.just(Optional.empty()), PROPERTIES), PROPERTIES);
    }
}
