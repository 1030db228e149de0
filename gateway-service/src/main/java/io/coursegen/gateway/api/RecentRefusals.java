package io.coursegen.gateway.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.coursegen.gateway.storage.Acceptance.Refusal;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A tenant storage-service just refused for its limits is refused again here, for at most {@link #HOLD}, without
 * asking storage: a client hammering past its limits then costs this gateway its own work only, and storage and its
 * database stay free for other tenants. Storage stays the one that decides: nothing is accepted here, and within a
 * second its answer would mostly be the same. Per instance, in a bounded map. {@link RefusedSubmissionsFilter} answers
 * before the request's body is even read.
 */
@Component
final class RecentRefusals {

    /** Short against every limit's refill: a bucket of 60 a minute gains one submission a second. */
    static final Duration HOLD = Duration.ofSeconds(1);

    private final Cache<String, Refusal> refused = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(HOLD)
            .build();

    void remember(String tenantId, Refusal refusal) {
        refused.put(tenantId, refusal);
    }

    Optional<Refusal> of(String tenantId) {
        return Optional.ofNullable(refused.getIfPresent(tenantId));
    }
}
