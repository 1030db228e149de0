package io.coursegen.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * How many wrong API keys one client address may present: a bucket of {@code perMinute} failures, refilled evenly.
 * An address that has used them up is answered 429 until the bucket refills, whatever key it sends next, so keys
 * cannot be guessed at the speed of the network. Per gateway instance: each allows the rate, which bounds guessing
 * all the same. Behind a proxy, the client address is the proxy's unless forwarded headers are trusted
 * ({@code server.forward-headers-strategy}).
 */
final class FailedAuthentications {

    private final int perMinute;
    /** Addresses seen failing lately; a quiet address is forgotten, and so are its failures. */
    private final Cache<String, Bucket> byAddress = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    /** @param perMinute 0 turns the limit off */
    FailedAuthentications(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Seconds until the address may try again, if it has used up its failures. */
    OptionalLong blockedFor(String address) {
        if (perMinute == 0) {
            return OptionalLong.empty();
        }
        Bucket bucket = byAddress.getIfPresent(address);
        if (bucket == null || bucket.getAvailableTokens() >= 1) {
            return OptionalLong.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1));
    }

    /** The address presented a missing or unknown key. */
    void failed(String address) {
        if (perMinute > 0) {
            byAddress.get(address, any -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                    .build()).tryConsume(1);
        }
    }
}
