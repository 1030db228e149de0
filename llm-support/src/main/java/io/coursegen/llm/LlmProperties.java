package io.coursegen.llm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider            {@code openai} or {@code offline}; blank chooses openai when an API key is set
 * @param apiKey              from the environment only ({@code OPENAI_API_KEY}); never logged
 * @param baseUrl             ends in {@code /v1}; any OpenAI-compatible server works
 * @param maxCompletionTokens budget for one answer
 * @param offline             simulated latency of the offline provider, so load tests measure the platform
 */
@ConfigurationProperties("coursegen.llm")
public record LlmProperties(
        String provider,
        String apiKey,
        @DefaultValue("https://api.openai.com/v1") String baseUrl,
        @DefaultValue("gpt-4o-mini") String chatModel,
        @DefaultValue("gpt-image-1") String imageModel,
        @DefaultValue("1024x1024") String imageSize,
        @DefaultValue("0.7") double temperature,
        @DefaultValue("4000") int maxCompletionTokens,
        @DefaultValue("120s") Duration chatTimeout,
        @DefaultValue("180s") Duration imageTimeout,
        @DefaultValue Offline offline) {

    public record Offline(@DefaultValue("0s") Duration chatLatency, @DefaultValue("0s") Duration imageLatency) {
    }

    public LlmProvider resolvedProvider() {
        if (provider == null || provider.isBlank()) {
            return hasApiKey() ? LlmProvider.OPENAI : LlmProvider.OFFLINE;
        }
        return LlmProvider.parse(provider);
    }

    boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "LlmProperties[provider=" + resolvedProvider().id() + ", baseUrl=" + baseUrl + ", chatModel=" + chatModel
                + ", imageModel=" + imageModel + ", apiKey=" + (hasApiKey() ? "(set)" : "(unset)") + "]";
    }
}
