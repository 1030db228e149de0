package io.coursegen.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.ImageGenerated;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Topics;
import io.coursegen.contracts.Usage;
import io.coursegen.testkit.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deadlines on embedded infrastructure, in a context of its own because the deadline here is five seconds (the
 * scenario's context keeps courses running for minutes on purpose).
 */
@Import(AsAGateway.Client.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "coursegen.kafka.retry.initial-interval=100ms",
        "coursegen.kafka.retry.retries=1",
        "coursegen.storage.deadline=5s",
        "coursegen.storage.deadline-check-interval=200ms"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class CourseDeadlineTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TENANT_HEADER = "X-Coursegen-Tenant";

    @Autowired
    WebTestClient web;
    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    JsonMapper json;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "deadline-test", "deadline-test-secret");
    }

    @Test
    void aCourseWithoutItsOutlineAfterTheDeadlineFailsForTheMissingOutlineAndSaysSoOnKafka() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        accept(requested(courseId, tenant));

        JsonNode course = awaitFailed(tenant, courseId);
        assertThat(course.get("error").asString()).isEqualTo("Not finished within 5s; missing: outline");
        assertThat(course.get("failures").toString())
                .isEqualTo("[{\"partId\":\"outline\",\"reason\":\"deadline passed\"}]");
        await().atMost(WAIT).untilAsserted(() -> assertThat(snapshots(courseId)).anySatisfy(snapshot -> {
            assertThat(snapshot.status()).isEqualTo(CourseStatus.FAILED);
            assertThat(snapshot.tenantId()).isEqualTo(tenant);
            assertThat(snapshot.error()).isEqualTo("Not finished within 5s; missing: outline");
        }));
    }

    @Test
    void aCourseMissingSomePartsListsExactlyThoseAndALateLessonDoesNotRevive() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        accept(requested(courseId, tenant));
        send(Topics.COURSE_OUTLINED, courseId, outlined(courseId, tenant));
        send(Topics.LESSON_GENERATED, courseId, lesson(courseId, "lesson-01"));
        send(Topics.IMAGE_GENERATED, courseId, image(courseId, "lesson-01"));

        JsonNode failed = awaitFailed(tenant, courseId);
        String error = "Not finished within 5s; missing: lesson:lesson-02, image:cover, image:lesson-02";
        assertThat(failed.get("error").asString()).isEqualTo(error);
        assertThat(failed.get("failures").valueStream().map(failure -> failure.get("partId").asString()))
                .containsExactlyInAnyOrder("lesson:lesson-02", "image:cover", "image:lesson-02");
        assertThat(failed.get("failures").valueStream().map(failure -> failure.get("reason").asString()))
                .containsOnly("deadline passed");
        assertThat(failed.get("progress").get("partsDone").asInt()).isEqualTo(3);
        assertThat(failed.get("progress").get("partsTotal").asInt()).isEqualTo(6);
        int snapshotsWhenFailed = snapshots(courseId).size();

        send(Topics.LESSON_GENERATED, courseId, lesson(courseId, "lesson-02"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(snapshots(courseId)).hasSizeGreaterThan(snapshotsWhenFailed));
        JsonNode late = getCourse(tenant, courseId);
        assertThat(late.get("status").asString()).isEqualTo("FAILED");
        assertThat(late.get("error").asString()).isEqualTo(error);
        assertThat(late.get("progress").get("partsDone").asInt()).isEqualTo(4);
        assertThat(late.get("lessons").get(1).get("status").asString()).isEqualTo("DONE");
        assertThat(late.get("completedAt").isNull()).isTrue();
        assertThat(snapshots(courseId)).noneMatch(snapshot -> snapshot.status() == CourseStatus.COMPLETED);
    }

    @Test
    void completedAndCancelledCoursesAreNeverTouchedHoweverOld() {
        String tenant = "tenant-" + UUID.randomUUID();
        Date longAgo = Date.from(Instant.now().minus(Duration.ofDays(1)));
        List<String> courseIds = new ArrayList<>();
        for (CourseStatus status : List.of(CourseStatus.COMPLETED, CourseStatus.CANCELLED)) {
            String courseId = "course-" + UUID.randomUUID();
            courseIds.add(courseId);
            mongo.insert(new Document("_id", courseId).append("tenantId", tenant).append("status", status.name())
                            .append("revision", 7).append("createdAt", longAgo).append("updatedAt", longAgo),
                    "courses").block(WAIT);
        }

        // ten sweeps at least
        await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() -> {
            for (String courseId : courseIds) {
                Document stored = mongo.findById(courseId, Document.class, "courses").block(WAIT);
                assertThat(stored.getString("status")).isIn("COMPLETED", "CANCELLED");
                assertThat(stored.getInteger("revision")).isEqualTo(7);
                assertThat(stored.get("error")).isNull();
            }
        });
        assertThat(courseIds).allSatisfy(courseId -> assertThat(snapshots(courseId)).isEmpty());
    }

    private JsonNode awaitFailed(String tenant, String courseId) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(getCourse(tenant, courseId).get("status").asString()).isEqualTo("FAILED"));
        return getCourse(tenant, courseId);
    }

    private static CourseRequested requested(String courseId, String tenant) {
        return new CourseRequested(courseId, tenant, new CourseSpec("Quantum computing", "product managers",
                "beginner", "en", 2, true, "flat illustration"), Instant.now());
    }

    private static CourseOutlined outlined(String courseId, String tenant) {
        List<Outline.OutlineLesson> lessons = List.of(
                new Outline.OutlineLesson("lesson-01", 1, "Qubits", "Summary 1", List.of("o1"), List.of("c1"), 10),
                new Outline.OutlineLesson("lesson-02", 2, "Gates", "Summary 2", List.of("o2"), List.of("c2"), 10));
        return new CourseOutlined(courseId, tenant, new Outline("Quantum computing, gently", "A short course",
                "product managers", List.of(), List.of("explain superposition"), lessons),
                new Usage("openai", "gpt-test", 1, 300, 400, 0), Instant.now());
    }

    private static LessonGenerated lesson(String courseId, String lessonId) {
        return new LessonGenerated(courseId, lessonId, new Lesson("Written " + lessonId, "# Text", List.of("t"),
                List.of()), new Usage("openai", "gpt-test", 1, 100, 200, 0), Instant.now());
    }

    private static ImageGenerated image(String courseId, String lessonId) {
        return new ImageGenerated(courseId, lessonId, lessonId, "images/0.png", "image/png", 64, 48, 100, "0",
                "concept", "caption", "alt text", "prompt", new Usage("openai", "gpt-image-test", 1, 50, 20, 1),
                Instant.now());
    }

    /** The gateway handing the new course to storage-service. */
    private void accept(CourseRequested course) {
        web.post().uri("/internal/v1/courses").header(TENANT_HEADER, course.tenantId())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(java.util.Map.of("course", course)).exchange().expectStatus().isOk();
    }

    private void send(String topic, String courseId, Object event) {
        kafka.send(topic, courseId, event).join();
    }

    private JsonNode getCourse(String tenant, String courseId) {
        String body = web.get().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return json.readTree(body);
    }

    /** All of course.status for one course, read from the start with a plain consumer (no group). */
    private List<CourseStatusChanged> snapshots(String courseId) {
        return TopicReader.recordsSoFar(bootstrapServers, Topics.COURSE_STATUS, courseId).stream()
                .map(record -> json.readValue(record.value(), CourseStatusChanged.class)).toList();
    }
}
