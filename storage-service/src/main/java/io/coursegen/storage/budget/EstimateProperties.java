package io.coursegen.storage.budget;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a course is expected to take, for its estimate at submission. The token figures are per call (sent, answered)
 * and on the generous side, so a reservation rarely falls short of the real cost; compare them with
 * {@code gen_ai_client_token_usage} on the dashboards and tune them to your prompts.
 *
 * @param chatModel      the model that plans outlines, writes lessons and plans pictures (as the services report it)
 * @param imageModel     the model that draws the pictures (one image per picture)
 * @param courseDuration how long a course takes until this instance has seen one complete
 */
@ConfigurationProperties("coursegen.estimates")
record EstimateProperties(
        @DefaultValue("gpt-4o-mini") String chatModel,
        @DefaultValue("gpt-image-1") String imageModel,
        @DefaultValue("1500") long outlinePromptTokens,
        @DefaultValue("2500") long outlineCompletionTokens,
        @DefaultValue("1800") long lessonPromptTokens,
        @DefaultValue("3000") long lessonCompletionTokens,
        @DefaultValue("1000") long picturePromptTokens,
        @DefaultValue("400") long pictureCompletionTokens,
        @DefaultValue("3m") Duration courseDuration) {

    EstimateProperties {
        if (outlinePromptTokens < 0 || outlineCompletionTokens < 0 || lessonPromptTokens < 0 || lessonCompletionTokens < 0
                || picturePromptTokens < 0 || pictureCompletionTokens < 0) {
            throw new IllegalArgumentException("coursegen.estimates token counts must not be negative");
        }
        if (courseDuration.isNegative() || courseDuration.isZero()) {
            throw new IllegalArgumentException("coursegen.estimates.course-duration must be positive");
        }
    }
}
