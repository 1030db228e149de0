package io.coursegen.llm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The account's capacity per call type; 0 means unlimited. Each instance enforces its {@link CapacityShare} of it.
 *
 * @param maxWait the longest one call waits for capacity in all; then it fails with
 *                {@link CapacityWaitExceededException} and the Kafka error handler's back-off redelivers the record.
 *                Keep it well below the consumers' {@code max.poll.interval.ms}
 */
@ConfigurationProperties("coursegen.llm.capacity")
public record LlmCapacityProperties(
        @DefaultValue Limits chat,
        @DefaultValue Limits image,
        @DefaultValue("2m") Duration maxWait) {

    /**
     * @param maxConcurrent     calls in flight at once
     * @param requestsPerMinute requests started per minute, paced evenly after a burst of at most one minute's worth
     * @param tokensPerMinute   prompt plus completion tokens per minute: each call reserves {@code expectedTokens}
     *                          before it starts and settles with the tokens it really used
     * @param expectedTokens    the reservation per call; 0 estimates it as prompt characters / 4 plus
     *                          {@code coursegen.llm.max-completion-tokens} for chat (prompt characters / 4 for images)
     */
    public record Limits(
            @DefaultValue("0") int maxConcurrent,
            @DefaultValue("0") long requestsPerMinute,
            @DefaultValue("0") long tokensPerMinute,
            @DefaultValue("0") long expectedTokens) {

        public static final Limits UNLIMITED = new Limits(0, 0, 0, 0);
    }

    public static final LlmCapacityProperties UNLIMITED = new LlmCapacityProperties(Limits.UNLIMITED, Limits.UNLIMITED,
            Duration.ofMinutes(2));

    public Limits of(CallType type) {
        return switch (type) {
            case CHAT -> chat;
            case IMAGE -> image;
        };
    }
}
