package io.coursegen.storage.assembly;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param deadline              how long a course may take to become final, counted from its admission (or from the
 *                              latest regeneration's request while one runs); after it the course is FAILED
 * @param deadlineCheckInterval pause between two sweeps for overdue courses
 */
@ConfigurationProperties("coursegen.storage")
record DeadlineProperties(
        @DefaultValue("30m") Duration deadline,
        @DefaultValue("30s") Duration deadlineCheckInterval) {

    DeadlineProperties {
        if (!positive(deadline) || !positive(deadlineCheckInterval)) {
            throw new IllegalArgumentException("coursegen.storage.deadline and deadline-check-interval must be "
                    + "positive, were " + deadline + " and " + deadlineCheckInterval);
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
