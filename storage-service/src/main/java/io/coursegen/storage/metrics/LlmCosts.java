package io.coursegen.storage.metrics;

import io.coursegen.contracts.Usage;
import io.coursegen.storage.metrics.PricingProperties.ModelPrice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one part's usage cost, by model. A picture's usage names two models, {@code <chat>+<image>} (the plan is a
 * chat call, the picture an image call), so its tokens are priced at the first and its pictures at the last.
 */
final class LlmCosts {

    private static final ModelPrice FREE = new ModelPrice(0, 0, 0);

    private final Map<String, ModelPrice> prices;

    LlmCosts(Map<String, ModelPrice> prices) {
        this.prices = prices;
    }

    /** USD by model; every model the usage names is present, unpriced ones with 0. */
    Map<String, Double> of(Usage usage) {
        Map<String, Double> costs = new LinkedHashMap<>();
        if (usage == null || usage.model() == null || usage.model().isBlank()) {
            return costs;
        }
        String[] models = usage.model().split("\\+");
        String chatModel = models[0];
        String imageModel = models[models.length - 1];
        ModelPrice chat = price(chatModel);
        costs.merge(chatModel, usage.promptTokens() * chat.promptPerMillion() / 1_000_000
                + usage.completionTokens() * chat.completionPerMillion() / 1_000_000, Double::sum);
        costs.merge(imageModel, usage.images() * price(imageModel).perImage(), Double::sum);
        return costs;
    }

    boolean isPriced(String model) {
        return prices.containsKey(model);
    }

    private ModelPrice price(String model) {
        return prices.getOrDefault(model, FREE);
    }
}
