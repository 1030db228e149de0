package io.coursegen.storage.metrics;

import io.coursegen.contracts.Usage;
import java.util.Collection;
import org.springframework.stereotype.Component;

/** The {@code coursegen.pricing} table for those who charge tenants: what usage cost, or would cost. */
@Component
public class ModelPrices {

    private final LlmCosts costs;

    ModelPrices(PricingProperties pricing) {
        this.costs = new LlmCosts(pricing.models());
    }

    /** USD for these parts' usage; models missing from the table cost 0. */
    public double costUsd(Collection<Usage> usages) {
        return usages.stream().mapToDouble(this::costUsd).sum();
    }

    public double costUsd(Usage usage) {
        return costs.of(usage).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** USD for one call of {@code model} with these tokens and pictures (pictures priced at the same model). */
    public double costUsd(String model, long promptTokens, long completionTokens, int images) {
        return costUsd(new Usage("estimate", model, 1, promptTokens, completionTokens, images));
    }
}
