package io.coursegen.storage.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.coursegen.contracts.Usage;
import io.coursegen.storage.metrics.PricingProperties.ModelPrice;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmCostsTest {

    private final LlmCosts costs = new LlmCosts(Map.of(
            "gpt-4o-mini", new ModelPrice(0.15, 0.60, 0),
            "gpt-image-1", new ModelPrice(0, 0, 0.042)));

    @Test
    void pricesPromptAndCompletionTokensPerMillion() {
        Map<String, Double> cost = costs.of(new Usage("openai", "gpt-4o-mini", 1, 2_000_000, 500_000, 0));

        assertThat(cost).containsOnlyKeys("gpt-4o-mini");
        assertThat(cost.get("gpt-4o-mini")).isCloseTo(0.30 + 0.30, within(1e-9));
    }

    @Test
    void pricesAPicturesPlanAtTheChatModelAndThePictureAtTheImageModel() {
        Map<String, Double> cost = costs.of(new Usage("openai", "gpt-4o-mini+gpt-image-1", 2, 1_000_000, 0, 1));

        assertThat(cost.get("gpt-4o-mini")).isCloseTo(0.15, within(1e-9));
        assertThat(cost.get("gpt-image-1")).isCloseTo(0.042, within(1e-9));
    }

    @Test
    void anUnpricedModelCostsNothingButIsStillNamed() {
        Map<String, Double> cost = costs.of(new Usage("offline", "offline", 0, 0, 0, 1));

        assertThat(cost).containsExactly(Map.entry("offline", 0.0));
        assertThat(costs.isPriced("offline")).isFalse();
    }

    @Test
    void aUsageWithoutAModelCostsNothing() {
        assertThat(costs.of(null)).isEmpty();
        assertThat(costs.of(new Usage("openai", null, 1, 10, 10, 0))).isEmpty();
    }
}
