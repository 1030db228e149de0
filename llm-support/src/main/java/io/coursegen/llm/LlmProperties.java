package io.coursegen.llm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider            {@code openai} or {@code offline}; blank chooses openai when an API key is set and is
 *                            refused otherwise, so a deployment missing its key cannot ship placeholder drafts
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

    /** @throws IllegalStateException when neither a provider nor an API key is stated */
    public LlmProvider resolvedProvider() {
        if (provider == null || provider.isBlank()) {
            if (!hasApiKey()) {
                throw new IllegalStateException("No LLM provider stated: set OPENAI_API_KEY to generate with OpenAI"
                        + " (or any OpenAI-compatible server at OPENAI_BASE_URL), or COURSEGEN_LLM_PROVIDER=offline for"
                        + " placeholder drafts. Only the local platform assumes offline on its own.");
            }
            return LlmProvider.OPENAI;
        }
        return LlmProvider.parse(provider);
    }

    /** Whether {@link #resolvedProvider()} answers rather than refuses. */
    boolean providerStated() {
        return (provider != null && !provider.isBlank()) || hasApiKey();
    }

    boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "LlmProperties[provider=" + (provider == null || provider.isBlank() ? "(unset)" : provider) + ", baseUrl=" + baseUrl + ", chatModel=" + chatModel
                + ", imageModel=" + imageModel + ", apiKey=" + (hasApiKey() ? "(set)" : "(unset)") + "]";
    }
}
