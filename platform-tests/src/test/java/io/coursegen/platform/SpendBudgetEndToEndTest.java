package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

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
 * A tenant's monthly budget across the whole platform, on the openai provider against a local model server: with
 * $1.00 a month and prices that make a one-lesson course's estimate $0.705, the first course is taken and generated,
 * the second is refused before any model call, and the month is charged what the first course really cost.
 */
class SpendBudgetEndToEndTest {

    private static final String KEY = "budget-e2e-key-0123456789abcdef";
    private static final String OPENAI_KEY = "sk-budget";
    /** An outline, a lesson, and a plan and a picture for the lesson and for the cover. */
    private static final int CALLS_PER_COURSE = 6;
    /** outline 1500/2500 tokens, lesson 1800/3000, two pictures of 1000/400 tokens and an image each. */
    private static final double ESTIMATE = 0.115 + 0.138 + 2 * (0.026 + 0.20);
    private static FakeOpenAiServer openAi;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        openAi = new FakeOpenAiServer(OPENAI_KEY, FaultToleranceAnswers::answer, TestImages.png(64, 64));
        platform = LocalPlatform.start(PlatformSettings.ephemeral("acme=" + KEY, Map.ofEntries(
                Map.entry("coursegen.llm.provider", "openai"),
                Map.entry("coursegen.llm.api-key", OPENAI_KEY),
                Map.entry("coursegen.llm.base-url", openAi.baseUrl()),
                Map.entry("coursegen.llm.chat-model", "budget-chat"),
                Map.entry("coursegen.llm.image-model", "budget-image"),
                Map.entry("coursegen.estimates.chat-model", "budget-chat"),
                Map.entry("coursegen.estimates.image-model", "budget-image"),
                Map.entry("coursegen.pricing.models[budget-chat].prompt-per-million", "10"),
                Map.entry("coursegen.pricing.models[budget-chat].completion-per-million", "40"),
                Map.entry("coursegen.pricing.models[budget-image].per-image", "0.20"),
                Map.entry("coursegen.quotas.monthly-budget-usd", "1.00"),
                Map.entry("coursegen.kafka.partitions", "2"))));
    }

    @AfterAll
    static void stop() {
        platform.close();
        openAi.close();
    }

    @Test
    void aSubmissionOverTheBudgetIsRefusedBeforeAnyModelCallAndTheMonthIsChargedWhatCoursesReallyCost() {
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", KEY).build();

        ResponseEntity<JsonNode> first = submit(gateway);
        ResponseEntity<JsonNode> second = submit(gateway);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(first.getBody().path("estimate").path("costUsd").asDouble()).isCloseTo(ESTIMATE, within(1e-6));
        assertThat(first.getBody().path("estimate").path("completesAt").asString()).isNotBlank();
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(second.getBody().path("type").asString()).isEqualTo("https://coursegen.io/problems/budget-exhausted");
        assertThat(second.getHeaders().getFirst("Retry-After")).matches("[1-9][0-9]*");
        String courseId = first.getBody().path("courseId").asString();
        JsonNode course = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> gateway.get().uri("/api/v1/courses/{id}", courseId).retrieve().bodyToMono(JsonNode.class)
                        .block(Duration.ofSeconds(10)), read -> "COMPLETED".equals(read.path("status").asString()));
        assertThat(course.path("estimate").path("costUsd").asDouble()).isCloseTo(ESTIMATE, within(1e-6));
        JsonNode usage = course.path("usage");
        double realCost = usage.path("promptTokens").asLong() * 10e-6 + usage.path("completionTokens").asLong() * 40e-6
                + usage.path("images").asLong() * 0.20;
        JsonNode month = await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.get().uri("/api/v1/usage").retrieve().bodyToMono(JsonNode.class)
                        .block(Duration.ofSeconds(10)), read -> read.path("reservedUsd").asDouble() == 0);
        assertThat(month.path("spentUsd").asDouble()).isCloseTo(realCost, within(1e-4));
        assertThat(month.path("remainingUsd").asDouble()).isCloseTo(1.00 - realCost, within(1e-4));
        assertThat(month.path("courses").path("COMPLETED").asInt()).isEqualTo(1);
        assertThat(openAi.received()).as("only the accepted course called the model").hasSize(CALLS_PER_COURSE);
        // what is left cannot pay for another course's estimate either: refused again, still no call
        assertThat(submit(gateway).getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(openAi.received()).hasSize(CALLS_PER_COURSE);
    }

    private static ResponseEntity<JsonNode> submit(WebClient gateway) {
        return gateway.post().uri("/api/v1/courses").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "Budgets for engineers", "lessonCount", 1))
                .exchangeToMono(response -> response.toEntity(JsonNode.class)).block(Duration.ofSeconds(30));
    }
}
