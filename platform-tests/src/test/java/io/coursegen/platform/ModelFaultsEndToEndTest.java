package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.FakeOpenAiServer.Received;
import io.coursegen.testkit.FakeOpenAiServer.Scripted;
import io.coursegen.testkit.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Fault injection at the model server: while 20 courses run through the openai provider, the server
 * answers some calls with 429 (Retry-After), 500 and malformed JSON. Every course must still complete
 * whole, nothing may be duplicated, and the calls made must be exactly the ones a course needs plus one
 * per injected fault: a retry for each refused call, a repair for each malformed answer.
 */
class ModelFaultsEndToEndTest {

    private static final String KEY = "faults-key-0123456789abcdefgh";
    private static final String OPENAI_KEY = "sk-faults";
    private static final int COURSES = 20;
    /** One lesson each: an outline, a lesson, and a plan and a picture for the lesson and for the cover. */
    private static final int CALLS_PER_COURSE = 1 + 1 + 2 * 2;
    private static final List<Scripted> REFUSALS = List.of(Scripted.rateLimited(1), Scripted.serverError(),
            Scripted.serverError(), Scripted.rateLimited(1), Scripted.serverError());
    /** First answers (not repairs) at these positions are malformed; their repair is answered properly. */
    private static final Set<Integer> MALFORMED_AT = Set.of(5, 17, 29, 41);

    private static final AtomicInteger firstAnswers = new AtomicInteger();
    private static FakeOpenAiServer openAi;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        openAi = new FakeOpenAiServer(OPENAI_KEY, ModelFaultsEndToEndTest::answer, TestImages.png(64, 64));
        platform = LocalPlatform.start(PlatformSettings.ephemeral("acme=" + KEY, Map.of(
                "coursegen.llm.provider", "openai",
                "coursegen.llm.api-key", OPENAI_KEY,
                "coursegen.llm.base-url", openAi.baseUrl(),
                // enough tries that no call runs out of them however the injected refusals fall
                "coursegen.llm.resilience.max-attempts", String.valueOf(REFUSALS.size() + 1),
                "coursegen.llm.resilience.initial-backoff", "50ms",
                // this test is about retries; an open circuit (LlmResilienceTest covers it) would add Kafka redeliveries
                "coursegen.llm.resilience.circuit-breaker.window", "200",
                "coursegen.llm.resilience.circuit-breaker.minimum-calls", "200",
                "coursegen.kafka.partitions", "2")));
    }

    @AfterAll
    static void stop() {
        platform.close();
        openAi.close();
    }

    @Test
    void everyCourseCompletesWholeAndOnlyTheFaultsCostExtraCalls() {
        long started = System.nanoTime();
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", KEY).build();
        openAi.failNext(REFUSALS.toArray(Scripted[]::new));

        List<String> courseIds = Flux.range(1, COURSES)
                .flatMap(i -> gateway.post().uri("/api/v1/courses").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("topic", "Fault tolerance " + i, "lessonCount", 1))
                        .retrieve().bodyToMono(JsonNode.class).map(accepted -> accepted.path("courseId").asString()), 4)
                .collectList().block(Duration.ofSeconds(60));

        List<JsonNode> courses = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            courses.clear();
            for (String id : courseIds) {
                courses.add(gateway.get().uri("/api/v1/courses/{id}", id).retrieve().bodyToMono(JsonNode.class)
                        .block(Duration.ofSeconds(10)));
            }
            assertThat(courses).extracting(c -> c.path("status").asString()).containsOnly("COMPLETED");
        });

        for (JsonNode course : courses) {
            assertThat(course.path("lessons").size()).isEqualTo(1);
            assertThat(course.path("lessons").get(0).path("markdown").asString()).isNotBlank();
            assertThat(course.path("lessons").get(0).path("image").path("url").asString()).startsWith("http");
            assertThat(course.path("cover").path("url").asString()).startsWith("http");
            assertThat(course.path("failures").size()).isZero();
        }
        assertNoDuplicatesStored(courseIds);

        int malformed = (int) MALFORMED_AT.stream().filter(position -> position < firstAnswers.get()).count();
        assertThat(openAi.received())
                .as("needed calls + one per refusal + one repair per malformed answer")
                .hasSize(COURSES * CALLS_PER_COURSE + REFUSALS.size() + malformed);
        assertThat(malformed).as("the faults were really injected").isEqualTo(MALFORMED_AT.size());
        // the outcome row for RELIABILITY.md, in CourseBatch's format; every assertion above has passed
        System.out.printf("%s | LLM: 5 refusals (2x 429 Retry-After 1, 3x 500) + 4 malformed answers | %d | %d | 0 | 0 | 0 | %d | %.1f s%n",
                CourseBatch.ROW_PREFIX, COURSES, courses.size(), openAi.received().size() - COURSES * CALLS_PER_COURSE,
                (System.nanoTime() - started) / 1e9);
    }

    private static void assertNoDuplicatesStored(List<String> courseIds) {
        try (MongoClient mongo = MongoClients.create(platform.infrastructure().mongoUri())) {
            for (String id : courseIds) {
                Document stored = Mono.from(mongo.getDatabase("coursegen").getCollection("courses")
                        .find(new Document("_id", id)).first()).block(Duration.ofSeconds(10));
                assertThat(stored.get("lessons", Document.class)).as(id).hasSize(1);
                assertThat(stored.get("images", Document.class)).as(id).hasSize(2);
            }
        }
    }

    private static String answer(Received request) {
        if (!request.isRepair() && MALFORMED_AT.contains(firstAnswers.getAndIncrement())) {
            return "{\"this is\": not json";
        }
        return FaultToleranceAnswers.answer(request);
    }
}
