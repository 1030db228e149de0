package io.coursegen.contracts;

/**
 * What one generation step cost.
 *
 * @param provider {@code openai} or {@code offline}
 * @param model    model name, {@code offline} for the offline provider
 * @param calls    LLM calls made (chat and image)
 */
public record Usage(String provider, String model, int calls, long promptTokens, long completionTokens, int images) {
}
