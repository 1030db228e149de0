package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The outline review gate across the whole platform, on the openai provider against a local model server: a course
 * requested with review stops at OUTLINE_READY after one model call; its owner renames a lesson, removes one and adds
 * two; a stale edit is refused; after approval the course is generated with exactly the edited lessons. Then the
 * finer changes of a completed course: a picture drawn again (two model calls) and a hand edit (none).
 */
class OutlineReviewEndToEndTest {

    private static final String KEY = "review-e2e-key-0123456789abcdef";
    private static final String OPENAI_KEY = "sk-review";
    private static FakeOpenAiServer openAi;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        openAi = new FakeOpenAiServer(OPENAI_KEY, FaultToleranceAnswers::answer, TestImages.png(64, 64));
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
    void anAuthorReviewsEditsAndApprovesTheOutlineAndTheCourseHasExactlyTheApprovedLessons() {
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", KEY).build();
        ResponseEntity<JsonNode> accepted = exchange(gateway.post().uri("/api/v1/courses")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "Fault tolerance", "lessonCount", 2, "review", "outline")));
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String courseId = accepted.getBody().path("courseId").asString();

        awaitStatus(gateway, courseId, "OUTLINE_READY");
        assertThat(openAi.received()).as("only the outline was written").hasSize(1);
        ResponseEntity<JsonNode> proposed = exchange(gateway.get().uri("/api/v1/courses/{id}/outline", courseId));
        assertThat(proposed.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(titles(proposed.getBody())).containsExactly("Retries", "Circuit breakers");
        assertThat(proposed.getBody().path("estimate").path("costUsd").isNumber()).isTrue();

        Map<String, Object> edited = Map.of(
                "title", "Fault tolerance", "description", "Staying up when parts fail.", "audience", "engineers",
                "prerequisites", List.of(),
                "learningObjectives", List.of("Explain retries", "Describe timeouts", "Apply bulkheads"),
                "modules", List.of(
                        Map.of("title", "Basics", "lessons", List.of(lesson("Retries with back-off"), lesson("Timeouts"))),
                        Map.of("title", "Isolation", "lessons", List.of(lesson("Bulkheads")))));
        ResponseEntity<JsonNode> saved = exchange(gateway.put().uri("/api/v1/courses/{id}/outline", courseId)
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON).bodyValue(edited));
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(saved.getHeaders().getETag()).isEqualTo("\"2\"");
        ResponseEntity<JsonNode> stale = exchange(gateway.put().uri("/api/v1/courses/{id}/outline", courseId)
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON).bodyValue(edited));
        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(stale.getBody().path("type").asString()).isEqualTo("https://coursegen.io/problems/stale-outline");

        ResponseEntity<JsonNode> approved = exchange(gateway.post().uri("/api/v1/courses/{id}/approve", courseId)
                .header("If-Match", "\"2\""));
        assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        JsonNode course = awaitStatus(gateway, courseId, "COMPLETED");
        List<String> lessons = new ArrayList<>();
        course.path("lessons").forEach(lesson -> lessons.add(lesson.path("title").asString()));
        assertThat(lessons).containsExactly("Retries with back-off", "Timeouts", "Bulkheads");
        assertThat(course.path("lessons")).allSatisfy(lesson -> {
            assertThat(lesson.path("markdown").asString()).isNotBlank();
            assertThat(lesson.path("image").path("altText").asString()).isNotBlank();
        });
        // the outline, then for three lessons: the text, and a plan and a picture for each lesson and the cover
        assertThat(openAi.received()).hasSize(1 + 3 + 2 * 4);
    }

    @Test
    void drawingOnlyALessonsPictureAgainCallsTheModelTwiceAndLeavesTheTextAsItWas() {
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", KEY).build();
        String courseId = exchange(gateway.post().uri("/api/v1/courses").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "Fault tolerance", "lessonCount", 1))).getBody().path("courseId").asString();
        JsonNode completed = awaitStatus(gateway, courseId, "COMPLETED");
        String text = completed.path("lessons").get(0).path("markdown").asString();
        int callsBefore = openAi.received().size();

        ResponseEntity<JsonNode> drawing = exchange(gateway.post()
                .uri("/api/v1/courses/{id}/lessons/{lessonId}/picture/regenerate", courseId, "lesson-01")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("instructions", "A brighter palette")));

        assertThat(drawing.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode again = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.get().uri("/api/v1/courses/{id}", courseId).retrieve().bodyToMono(JsonNode.class)
                        .block(Duration.ofSeconds(10)), read -> "COMPLETED".equals(read.path("status").asString())
                        && read.path("completedAt").asString().compareTo(completed.path("completedAt").asString()) > 0);
        assertThat(again.path("lessons").get(0).path("markdown").asString()).isEqualTo(text);
        assertThat(openAi.received()).as("a picture plan and a picture, no text").hasSize(callsBefore + 2);
    }

    @Test
    void aHandEditIsANewRevisionWithoutAModelCall() {
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", KEY).build();
        String courseId = exchange(gateway.post().uri("/api/v1/courses").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "Fault tolerance", "lessonCount", 1))).getBody().path("courseId").asString();
        awaitStatus(gateway, courseId, "COMPLETED");
        int callsBefore = openAi.received().size();

        ResponseEntity<JsonNode> edited = exchange(gateway.patch()
                .uri("/api/v1/courses/{id}/lessons/{lessonId}", courseId, "lesson-01")
                .header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("markdown", "## Retries\n\nRewritten by our trainer.",
                        "picture", Map.of("caption", "The spare cable stands for redundancy."))));

        assertThat(edited.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(edited.getHeaders().getETag()).isEqualTo("\"2\"");
        JsonNode lesson = exchange(gateway.get().uri("/api/v1/courses/{id}", courseId)).getBody().path("lessons").get(0);
        assertThat(lesson.path("revision").asInt()).isEqualTo(2);
        assertThat(lesson.path("markdown").asString()).isEqualTo("## Retries\n\nRewritten by our trainer.");
        assertThat(lesson.path("image").path("caption").asString()).isEqualTo("The spare cable stands for redundancy.");
        assertThat(lesson.path("versions")).hasSize(1);
        assertThat(openAi.received()).as("no model call for a hand edit").hasSize(callsBefore);
    }

    private static Map<String, Object> lesson(String title) {
        return Map.of("title", title, "summary", "What " + title + " does.", "objectives", List.of("Explain " + title),
                "keyConcepts", List.of(title), "estimatedMinutes", 8);
    }

    private static List<String> titles(JsonNode reviewed) {
        List<String> titles = new ArrayList<>();
        reviewed.path("outline").path("modules").forEach(module -> module.path("lessons")
                .forEach(lesson -> titles.add(lesson.path("title").asString())));
        return titles;
    }

    private static JsonNode awaitStatus(WebClient gateway, String courseId, String status) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.get().uri("/api/v1/courses/{id}", courseId).retrieve().bodyToMono(JsonNode.class)
                        .block(Duration.ofSeconds(10)), read -> status.equals(read.path("status").asString()));
    }

    private static ResponseEntity<JsonNode> exchange(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(response -> response.toEntity(JsonNode.class)).block(Duration.ofSeconds(30));
    }
}
