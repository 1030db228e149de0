package io.coursegen.llm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How model calls are retried and when the provider is given a rest.
 *
 * @param maxAttempts    tries of one call, the first included; only transient failures are tried again
 * @param initialBackoff wait before the second try, growing by {@code multiplier} with random jitter
 * @param maxRetryAfter  the longest {@code Retry-After} honoured; a longer one fails the call so the
 *                       Kafka error handler's back-off takes over instead of holding a thread
 * @param maxRateLimitedWait the longest one call waits, in all, while the provider rate-limits its kind of call
 *                       (see {@code RateLimitGate}); kept well below the consumers' {@code max.poll.interval.ms}
 */
@ConfigurationProperties("coursegen.llm.resilience")
public record LlmResilienceProperties(
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("60s") Duration maxRetryAfter,
        @DefaultValue("2m") Duration maxRateLimitedWait,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * Opens when at least {@code failureRatePercent} of the last {@code window} calls (and at least
     * {@code minimumCalls}) failed transiently; then no call reaches the provider for {@code openFor}.
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRatePercent,
            @DefaultValue("20") int window,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("30s") Duration openFor) {
    }
}
