package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.TestImages;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

/**
 * Input moderation across the whole platform, on the openai provider against a local model server: the gateway asks
 * the provider's {@code /moderations} with the settings the generating services get, and a flagged topic is refused
 * before anything is stored or generated.
 */
class ContentPolicyEndToEndTest {

    private static final String KEY = "policy-e2e-key-0123456789abcdef";
    private static final String OPENAI_KEY = "sk-policy";
    private static FakeOpenAiServer openAi;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        openAi = new FakeOpenAiServer(OPENAI_KEY, FaultToleranceAnswers::answer, TestImages.png(64, 64));
        openAi.flagModeration("massacre", "violence");
        platform = LocalPlatform.start(PlatformSettings.ephemeral("acme=" + KEY, Map.of(
                "coursegen.llm.provider", "openai",
                "coursegen.llm.api-key", OPENAI_KEY,
                "coursegen.llm.base-url", openAi.baseUrl(),
                "coursegen.kafka.partitions", "2")));
    }

    @AfterAll
    static void stop() {
        platform.close();
        openAi.close();
    }

    @Test
    void aFlaggedTopicIsRefusedWithNoGenerationCallAndNothingStored() {
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", KEY).build();

        ResponseEntity<JsonNode> refused = exchange(gateway.post().uri("/api/v1/courses")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "The great massacre", "lessonCount", 2)));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.getBody().path("type").asString()).isEqualTo("https://coursegen.io/problems/content-policy");
        assertThat(refused.getBody().path("categories").get(0).asString()).isEqualTo("violence");
        assertThat(openAi.moderations()).hasSize(1);
        assertThat(FakeOpenAiServer.moderatedTexts(openAi.moderations().get(0))).contains("The great massacre");
        ResponseEntity<JsonNode> courses = exchange(gateway.get().uri("/api/v1/courses"));
        assertThat(courses.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(courses.getBody().path("items").size()).as("nothing stored").isZero();
        assertThat(openAi.received()).as("no generation call").isEmpty();
    }

    private static ResponseEntity<JsonNode> exchange(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(response -> response.toEntity(JsonNode.class)).block(Duration.ofSeconds(30));
    }
}
