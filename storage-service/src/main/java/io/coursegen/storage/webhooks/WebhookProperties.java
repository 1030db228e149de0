package io.coursegen.storage.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowPrivateAddresses accept and call URLs resolving to loopback, private or link-local addresses
 *                              (local development and tests only: in production it lets webhooks reach internal
 *                              services)
 * @param maxAttempts           attempts per delivery before it is given up as FAILED
 * @param initialBackoff        wait before the first retry, doubled after each failed attempt up to maxBackoff
 * @param timeout               the whole of one attempt: connecting, sending and the complete answer
 * @param pollInterval          how often due deliveries are looked for
 * @param maxPerTenant          registrations a tenant may hold
 * @param allowedPorts          ports a webhook URL may name (its scheme's default counts as 80 or 443); empty allows
 *                              any, for local development and tests
 * @param maxConcurrentAttempts attempts in flight at once on this instance
 * @param maxConcurrentPerTenant attempts in flight at once for one tenant, so a slow receiver of one tenant cannot
 *                              take every thread
 * @param secretKeys            {@code id:base64,...} keys sealing the signing secrets at rest (see WebhookSecrets);
 *                              from the environment only, never printed; without them webhooks cannot be registered
 */
@ConfigurationProperties("coursegen.webhooks")
record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration initialBackoff,
        @DefaultValue("30m") Duration maxBackoff,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("20") int maxPerTenant,
        @DefaultValue({"80", "443"}) List<Integer> allowedPorts,
        @DefaultValue("8") int maxConcurrentAttempts,
        @DefaultValue("2") int maxConcurrentPerTenant,
        String secretKeys) {

    /** Never prints the keys. */
    @Override
    public String toString() {
        return "WebhookProperties[allowPrivateAddresses=" + allowPrivateAddresses + ", allowedPorts=" + allowedPorts
                + ", maxAttempts=" + maxAttempts + ", timeout=" + timeout + ", secretKeys="
                + (secretKeys == null || secretKeys.isBlank() ? "(unset)" : "(set)") + "]";
    }

    /** The wait after the given number of failed attempts (1 = after the first). */
    Duration backoffAfter(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
