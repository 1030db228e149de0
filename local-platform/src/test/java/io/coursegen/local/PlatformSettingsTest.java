package io.coursegen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void kafkaSecurityIsOffUnlessTheEnvironmentAsksForScram() {
        assertThat(PlatformSettings.kafkaSecurity(Map.of(), user -> "pw")).isNull();
        assertThat(PlatformSettings.kafkaSecurity(Map.of("COURSEGEN_KAFKA_SECURITY", "none"), user -> "pw")).isNull();
        var scram = PlatformSettings.kafkaSecurity(Map.of("COURSEGEN_KAFKA_SECURITY", "SCRAM"), user -> "pw-" + user);
        assertThat(scram.internalPort()).isEqualTo(9094);
        assertThat(scram.passwordOf("content-service")).isEqualTo("pw-content-service");
        assertThat(PlatformSettings.kafkaSecurity(Map.of("COURSEGEN_KAFKA_SECURITY", "scram",
                "COURSEGEN_KAFKA_INTERNAL_PORT", "19094"), user -> "pw").internalPort()).isEqualTo(19094);
        assertThatThrownBy(() -> PlatformSettings.kafkaSecurity(Map.of("COURSEGEN_KAFKA_SECURITY", "plain"), user -> "pw"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none or scram");
        // with security every tenant of the API keys gets a Kafka principal
        assertThat(PlatformSettings.ephemeral("acme=k1, globex=k2,acme=k3", Map.of()).tenants()).containsExactly("acme", "globex");
        assertThat(PlatformSettings.ephemeral("acme=key", Map.of()).withKafkaSecurity(scram).infra().kafkaSecurity()).isSameAs(scram);
    }
}
