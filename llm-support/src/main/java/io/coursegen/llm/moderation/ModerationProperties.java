package io.coursegen.llm.moderation;

import io.coursegen.llm.LlmResilienceProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Moderation (input at the gateway, output in the generating services). The provider, base URL and API key are the chat model's ({@code coursegen.llm.*}).
 *
 * @param enabled        false: nothing is checked and no moderation call is made
 * @param model          the provider's moderation model
 * @param timeout        one moderation request; a caller (an HTTP request) waits for it, so it is short
 * @param maxAttempts    tries of one check, the first included; only transient failures are tried again
 * @param initialBackoff wait before the second try, doubled with jitter after that
 * @param maxRetryAfter  the longest {@code Retry-After} honoured; a longer one fails the check at once (fail closed)
 * @param circuitBreaker when the endpoint is given a rest: checks then fail at once instead of each waiting its timeout
 * @param offlineTerms   the offline provider's word list: category name to terms; null for
 *                       {@link OfflineModeration#DEFAULT_TERMS}, which a configured list replaces whole
 */
@ConfigurationProperties("coursegen.moderation")
public record ModerationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("omni-moderation-latest") String model,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("2") int maxAttempts,
        @DefaultValue("250ms") Duration initialBackoff,
        @DefaultValue("2s") Duration maxRetryAfter,
        @DefaultValue LlmResilienceProperties.CircuitBreaker circuitBreaker,
        Map<String, List<String>> offlineTerms) {

    public Map<String, List<String>> offlineTermsOrDefault() {
        return offlineTerms == null ? OfflineModeration.DEFAULT_TERMS : offlineTerms;
    }
}
