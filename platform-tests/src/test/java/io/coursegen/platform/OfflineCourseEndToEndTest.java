package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The platform on the offline provider: no network, labelled drafts, placeholder pictures. */
class OfflineCourseEndToEndTest extends CourseEndToEndScenario {

    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(PlatformSettings.ephemeral(API_KEYS, Map.of(
                "coursegen.llm.provider", "offline",
                "coursegen.kafka.partitions", "2")));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Override
    LocalPlatform platform() {
        return platform;
    }

    @Override
    void verifyProvider(JsonNode course) {
        assertThat(course.path("outline").path("title").asString()).startsWith("[Offline draft]");
        assertThat(course.path("cover").path("caption").asString()).startsWith("[Offline placeholder]");
        assertThat(course.path("usage").path("llmCalls").asInt()).as("the offline provider calls no model").isZero();
        assertThat(course.path("usage").path("promptTokens").asLong()).isZero();
        assertThat(course.path("usage").path("images").asInt()).isEqualTo(LESSONS + 1);
    }
}
