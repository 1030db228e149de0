package io.coursegen.storage.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention      how long a key keeps standing for its course; after it the key may start a new course
 * @param republishAfter how long after reserving a key a course that still has not reached storage is taken as
 *                       never published (its gateway failed before Kafka's ack), so a retry publishes it again;
 *                       far longer than a publish takes, so a retry racing the first publish never doubles it
 */
@ConfigurationProperties("coursegen.storage.idempotency")
record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("30s") Duration republishAfter) {
}
