package io.coursegen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The bound on a revoked key's life: an answer about a key, found or not, is reused for the cache's lifetime at most,
 * so what storage-service says now holds on every instance within that time; failures are never reused.
 */
class StoredKeysTest {

    private static final String KEY = "a-key-the-admin-api-made-0123456789abcdef";
    private static final StoredKeyProperties HALF_A_SECOND =
            new StoredKeyProperties(Duration.ofMillis(500), 100, Duration.ofSeconds(1));

    /** storage-service's keys: hash -> tenant; removing one is revoking it. */
    private final Map<String, String> activeKeys = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final StoredKeys stored = new StoredKeys(hash -> {
        lookups.incrementAndGet();
        return Mono.just(Optional.ofNullable(activeKeys.get(hash)).map(Tenant::new));
    }, HALF_A_SECOND);
    private final TenantKeys keys = new TenantKeys(ApiKeys.parse("acme=acme-configured-key-0123456789"), stored, HALF_A_SECOND);

    @Test
    void aRevokedKeyFailsWithinTheCachesLifetimeAndAManyRequestsAskStorageOnce() {
        activeKeys.put(ApiKeys.sha256Hex(KEY), "initech");
        for (int i = 0; i < 20; i++) {
            assertThat(keys.tenantFor(KEY).block()).contains(new Tenant("initech"));
        }
        assertThat(lookups.get()).isLessThanOrEqualTo(2);

        activeKeys.clear();
        long revokedAt = System.nanoTime();

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> keys.tenantFor(KEY).block().isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void concurrentRequestsWithOneKeyShareOneLookup() {
        activeKeys.put(ApiKeys.sha256Hex(KEY), "initech");

        Flux.range(0, 50).flatMap(i -> keys.tenantFor(KEY)).collectList().block();

        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void forgettingAKeyAsksStorageAgainAtOnce() {
        activeKeys.put(ApiKeys.sha256Hex(KEY), "initech");
        keys.tenantFor(KEY).block();
        activeKeys.clear();

        stored.forget(ApiKeys.sha256Hex(KEY));

        assertThat(keys.tenantFor(KEY).block()).isEmpty();
    }

    @Test
    void configuredAndShortKeysNeverReachStorage() {
        assertThat(keys.tenantFor("acme-configured-key-0123456789").block()).contains(new Tenant("acme"));
        assertThat(keys.tenantFor("too-short-to-be-a-key").block()).isEmpty();

        assertThat(lookups.get()).isZero();
    }

    @Test
    void aFailedLookupIsA503ReasonAndIsNotReused() {
        AtomicBoolean down = new AtomicBoolean(true);
        StoredKeys flaky = new StoredKeys(hash -> down.get() ? Mono.error(new IllegalStateException("connection refused"))
                : Mono.just(Optional.of(new Tenant("initech"))), HALF_A_SECOND);
        TenantKeys flakyKeys = new TenantKeys(ApiKeys.parse(""), flaky, HALF_A_SECOND);

        assertThatThrownBy(() -> flakyKeys.tenantFor(KEY).block()).isInstanceOf(KeysUnavailableException.class);
        assertThatThrownBy(() -> flakyKeys.tenantForBlocking(KEY)).isInstanceOf(KeysUnavailableException.class);
        down.set(false);

        assertThat(flakyKeys.tenantForBlocking(KEY)).contains(new Tenant("initech"));
    }

    @Test
    void aSlowStorageIsUnavailableAfterTheLookupTimeout() {
        StoredKeys slow = new StoredKeys(hash -> Mono.never(),
                new StoredKeyProperties(Duration.ofMillis(500), 100, Duration.ofMillis(200)));

        assertThatThrownBy(() -> slow.tenantFor(ApiKeys.sha256Hex(KEY)).block(Duration.ofSeconds(5)))
                .isInstanceOf(KeysUnavailableException.class);
    }

    @Test
    void aCacheThatWouldOutliveTheOneSecondPromiseIsRefused() {
        assertThatThrownBy(() -> new StoredKeyProperties(Duration.ofMillis(1500), 100, Duration.ofSeconds(1)))
                .hasMessageContaining("within 1 s");
    }

    @Test
    void aShortAdminKeyOrOneThatIsATenantsKeyStopsTheStartUpWithoutShowingIt() {
        ApiKeys apiKeys = ApiKeys.parse("acme=acme-configured-key-0123456789");

        assertThatThrownBy(() -> AuthConfiguration.checkAdminKey(new AdminProperties("short-admin-key"), apiKeys))
                .hasMessageContaining("COURSEGEN_ADMIN_KEY").hasMessageNotContaining("short-admin-key");
        assertThatThrownBy(() -> AuthConfiguration.checkAdminKey(new AdminProperties("acme-configured-key-0123456789"), apiKeys))
                .hasMessageContaining("also a tenant's").hasMessageNotContaining("acme-configured-key");
        AuthConfiguration.checkAdminKey(new AdminProperties(KeyFixtures.ADMIN_KEY), apiKeys);
        AuthConfiguration.checkAdminKey(new AdminProperties(""), apiKeys);
    }
}
