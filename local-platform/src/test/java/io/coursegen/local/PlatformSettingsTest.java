package io.coursegen.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

    @Test
    void withoutLeavesOutOneMoreServiceAndChangesNothingElse() {
        PlatformSettings all = PlatformSettings.ephemeral("acme=key", Map.of("coursegen.llm.provider", "offline"));

        PlatformSettings fewer = all.without("content-service").without("image-service");

        assertThat(all.skippedServices()).isEmpty();
        assertThat(fewer.skippedServices()).containsExactlyInAnyOrder("content-service", "image-service");
        assertThat(fewer.infra()).isEqualTo(all.infra());
        assertThat(fewer.apiKeys()).isEqualTo(all.apiKeys());
        assertThat(fewer.extraProperties()).isEqualTo(all.extraProperties());
    }

    @Test
    void theLocalPlatformAloneRunsOfflineWhenNothingIsStatedAndOtherwiseFollowsWhatIs() {
        PlatformSettings unstated = PlatformSettings.ephemeral("acme=key", Map.of());

        assertThat(unstated.llmProvider(Map.of())).isEqualTo("offline");
        assertThat(unstated.llmProvider(Map.of("OPENAI_API_KEY", "sk-x"))).isEqualTo("openai");
        assertThat(unstated.llmProvider(Map.of("COURSEGEN_LLM_PROVIDER", "offline", "OPENAI_API_KEY", "sk-x"))).isEqualTo("offline");
        assertThat(PlatformSettings.ephemeral("acme=key", Map.of("coursegen.llm.provider", "openai"))
                .llmProvider(Map.of("COURSEGEN_LLM_PROVIDER", "offline"))).isEqualTo("openai");
    }
}
