package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.FakeOpenAiServer.Received;
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
 * Moderation across the whole platform, on the openai provider against a local model server. Input: the gateway asks
 * the provider's {@code /moderations} with the settings the generating services get, and a flagged topic is refused
 * before anything is stored or generated. Output: a lesson the model writes with a flagged word is written once more,
 * then its part fails with {@code moderation: violence} and the course ends FAILED.
 */
class ContentPolicyEndToEndTest {

    private static final String KEY = "policy-e2e-key-0123456789abcdef";
    private static final String OPENAI_KEY = "sk-policy";
    /** In the lesson brief (the course's audience), so the answer function knows which lesson to make grim. */
    private static final String GRIM_AUDIENCE = "siege historians";
    private static FakeOpenAiServer openAi;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        openAi = new FakeOpenAiServer(OPENAI_KEY, ContentPolicyEndToEndTest::answer, TestImages.png(64, 64));
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
        assertThat(openAi.moderations()).filteredOn(call -> FakeOpenAiServer.moderatedTexts(call)
                .contains("The great massacre")).as("one check").hasSize(1);
        ResponseEntity<JsonNode> courses = exchange(gateway.get().uri("/api/v1/courses"));
        assertThat(courses.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(courses.getBody().path("items").size()).as("nothing stored").isZero();
        assertThat(openAi.received()).as("no generation call")
                .noneMatch(call -> call.prompt().contains("The great massacre"));
    }

    @Test
    void aLessonTheModelWritesWithAFlaggedWordIsWrittenOnceMoreThenTheCourseFailsWithTheModerationReason() {
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", KEY).build();

        ResponseEntity<JsonNode> accepted = exchange(gateway.post().uri("/api/v1/courses")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "Siege engineering", "audience", GRIM_AUDIENCE, "lessonCount", 1)));
        assertThat(accepted.getStatusCode()).as("the input passes").isEqualTo(HttpStatus.ACCEPTED);
        String courseId = accepted.getBody().path("courseId").asString();

        JsonNode[] course = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            course[0] = exchange(gateway.get().uri("/api/v1/courses/{id}", courseId)).getBody();
            assertThat(course[0].path("status").asString()).isEqualTo("FAILED");
        });

        assertThat(course[0].path("failures").valueStream()
                .filter(failure -> failure.path("partId").asString().startsWith("lesson:"))
                .map(failure -> failure.path("reason").asString()).toList())
                .containsExactly("moderation: violence");
        assertThat(openAi.received()).as("the lesson written twice, not retried by Kafka")
                .filteredOn(call -> "GeneratedLesson".equals(call.schemaName()) && call.prompt().contains(GRIM_AUDIENCE))
                .hasSize(2);
    }

    /** The fault scenarios' answers, except that a lesson for {@link #GRIM_AUDIENCE} tells of a massacre. */
    private static String answer(Received request) {
        if ("GeneratedLesson".equals(request.schemaName()) && request.prompt().contains(GRIM_AUDIENCE)) {
            return """
                    {"markdown": "## Introduction\\nThe massacre at the gate.\\n## Summary\\nWalls fall.",
                     "keyTakeaways": ["Walls matter", "Gates are weak points", "Supplies decide sieges"],
                     "quiz": [
                       {"question": "Weakest point?", "options": ["Gate", "Wall", "Tower", "Moat"], "correctOption": 0, "explanation": "It opens."},
                       {"question": "What decides a siege?", "options": ["Luck", "Supplies", "Flags", "Music"], "correctOption": 1, "explanation": "Hunger."},
                       {"question": "Why a moat?", "options": ["Fish", "Defence", "Style", "None"], "correctOption": 1, "explanation": "It slows."}]}
                    """;
        }
        return FaultToleranceAnswers.answer(request);
    }

    private static ResponseEntity<JsonNode> exchange(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(response -> response.toEntity(JsonNode.class)).block(Duration.ofSeconds(30));
    }
}
