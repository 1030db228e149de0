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
}
