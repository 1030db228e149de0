package io.coursegen.storage.metrics;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Estimated prices in USD by model name as the generating services report it ({@code Usage.model}). A model
 * missing from the table costs 0 (and is logged once). Names with dots need brackets in YAML:
 * {@code "[gpt-4.1-mini]"}.
 *
 * @param models the price table; defaults in {@code storage-service.yml}
 */
@ConfigurationProperties("coursegen.pricing")
record PricingProperties(@DefaultValue Map<String, ModelPrice> models) {

    PricingProperties {
        models = Map.copyOf(models);
    }

    /**
     * @param promptPerMillion     USD per million prompt (input) tokens
     * @param completionPerMillion USD per million completion (output) tokens
     * @param perImage             USD per generated picture
     */
    record ModelPrice(
            @DefaultValue("0") double promptPerMillion,
            @DefaultValue("0") double completionPerMillion,
            @DefaultValue("0") double perImage) {

        ModelPrice {
            if (promptPerMillion < 0 || completionPerMillion < 0 || perImage < 0) {
                throw new IllegalArgumentException("coursegen.pricing prices must not be negative");
            }
        }
    }
}
