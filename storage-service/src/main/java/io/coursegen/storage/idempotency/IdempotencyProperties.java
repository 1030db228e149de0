package io.coursegen.storage.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param retention how long a key keeps standing for its course; after it the key may start a new course */
@ConfigurationProperties("coursegen.storage.idempotency")
record IdempotencyProperties(@DefaultValue("24h") Duration retention) {
}
