package io.coursegen.gateway.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway asks storage-service about keys made through the admin API.
 *
 * @param cacheTtl      how long an answer (found or not) is reused; a revoked key works at most this long after its
 *                      last lookup on any instance, so more than 1 s is refused (the revocation promise); 0: no cache
 * @param cacheSize     answers kept at most (per instance)
 * @param lookupTimeout longest wait for storage-service's answer; then the request is answered 503
 */
@ConfigurationProperties("coursegen.gateway.stored-keys")
public record StoredKeyProperties(
        @DefaultValue("500ms") Duration cacheTtl,
        @DefaultValue("10000") int cacheSize,
        @DefaultValue("2s") Duration lookupTimeout) {

    static final Duration MAX_CACHE_TTL = Duration.ofSeconds(1);

    public StoredKeyProperties {
        if (cacheTtl.isNegative() || cacheTtl.compareTo(MAX_CACHE_TTL) > 0) {
            throw new IllegalArgumentException("coursegen.gateway.stored-keys.cache-ttl must be between 0 and 1s: a"
                    + " revoked key must fail on every gateway within 1 s");
        }
        if (cacheSize < 1 || lookupTimeout.isNegative() || lookupTimeout.isZero()) {
            throw new IllegalArgumentException("coursegen.gateway.stored-keys: cache-size and lookup-timeout must be positive");
        }
    }
}
