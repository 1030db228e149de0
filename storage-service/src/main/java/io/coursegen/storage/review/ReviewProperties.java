package io.coursegen.storage.review;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout             how long an outline may wait for its owner's approval ({@code COURSEGEN_REVIEW_TIMEOUT});
 *                            after it the course is CANCELLED
 * @param expiryCheckInterval pause between two sweeps for expired reviews
 */
@ConfigurationProperties("coursegen.review")
record ReviewProperties(
        @DefaultValue("7d") Duration timeout,
        @DefaultValue("1m") Duration expiryCheckInterval) {

    ReviewProperties {
        if (timeout.isNegative() || timeout.isZero() || expiryCheckInterval.isNegative() || expiryCheckInterval.isZero()) {
            throw new IllegalArgumentException("coursegen.review.timeout and expiry-check-interval must be positive, were "
                    + timeout + " and " + expiryCheckInterval);
        }
    }
}
