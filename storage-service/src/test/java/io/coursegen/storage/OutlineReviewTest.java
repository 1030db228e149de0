package io.coursegen.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.ImageGenerated;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.OutlineDraft;
import io.coursegen.contracts.OutlineDraft.DraftLesson;
import io.coursegen.contracts.OutlineDraft.DraftModule;
import io.coursegen.contracts.Topics;
import io.coursegen.contracts.Usage;
import io.coursegen.storage.course.CourseDocuments;
import io.coursegen.testkit.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outline review gate in storage-service, driven as the gateway and the generating services drive it: a course
 * requested with {@code review: outline} is outlined (the model's outline arrives on {@code course.outlined}) and then
 * waits at OUTLINE_READY, outside the generation capacity, with no lesson or picture requested, until its owner
 * approves; what is then requested is exactly the outline as its owner edited it. Priced like {@link SpendBudgetTest}:
 * an outline is $0.065, a lesson $0.078, a picture $0.068.
 */
@Import(AsAGateway.Client.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "coursegen.admission.max-in-flight=2",
        "coursegen.admission.sweep-interval=200ms",
        "coursegen.quotas.submissions-per-minute=0",
        "coursegen.quotas.max-queued=0",
        "coursegen.quotas.monthly-budget-usd=0",
        "coursegen.review.expiry-check-interval=200ms",
        "coursegen.estimates.chat-model=gpt-test",
        "coursegen.estimates.image-model=gpt-image-test",
        "coursegen.pricing.models[gpt-test].prompt-per-million=10",
        "coursegen.pricing.models[gpt-test].completion-per-million=20",
        "coursegen.pricing.models[gpt-image-test].per-image=0.05"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutlineReviewTest {

    private static final String TENANT_HEADER = "X-Coursegen-Tenant";
    private static final String PROBLEMS = "https://coursegen.io/problems/";

    @Autowired
    WebTestClient web;
    @Autowired
    JsonMapper json;
    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private TopicReader topics;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "review-test", "review-test-secret");
    }

    @BeforeAll
    void readTopics() {
        topics = new TopicReader(bootstrapServers, json, Topics.COURSE_ADMITTED, Topics.LESSON_REQUESTED,
                Topics.IMAGE_REQUESTED, Topics.COURSE_STATUS);
    }

    @AfterAll
    void stopReading() {
        topics.close();
    }

    @Test
    void aReviewedCourseIsGeneratedExactlyAsItsOwnerEditedAndApprovedIt() {
        String tenant = "tenant-review-" + UUID.randomUUID();
        String courseId = submit(tenant, CourseSpec.OUTLINE_REVIEW, 2);
        outline(courseId, tenant, "Light", "Water");

        JsonNode ready = awaitStatus(tenant, courseId, "OUTLINE_READY");
        assertThat(ready.path("progress").path("partsTotal").asInt()).isEqualTo(6);
        JsonNode proposed = readOutline(tenant, courseId, "\"1\"");
        assertThat(proposed.path("revision").asInt()).isEqualTo(1);
        assertThat(titles(proposed)).containsExactly("Light", "Water");
        assertThat(proposed.path("estimate").path("costUsd").asDouble()).isCloseTo(0.065 + 2 * 0.078 + 3 * 0.068,
                within(1e-6));

        // one lesson renamed, one removed, two added in a module of their own
        OutlineDraft edited = draft(new DraftModule("Basics", List.of(lesson("Sunlight"))),
                new DraftModule("Chemistry", List.of(lesson("Sugar"), lesson("Oxygen"))));
        JsonNode saved = json.readTree(web.put().uri("/api/v1/courses/{id}/outline", courseId)
                .header(TENANT_HEADER, tenant).header(HttpHeaders.IF_MATCH, "\"1\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(edited).exchange()
                .expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"")
                .expectBody().returnResult().getResponseBody());
        assertThat(titles(saved)).containsExactly("Sunlight", "Sugar", "Oxygen");
        assertThat(saved.path("estimate").path("costUsd").asDouble()).isCloseTo(0.065 + 3 * 0.078 + 4 * 0.068,
                within(1e-6));

        // an edit made on the old revision, one without a revision and one that breaks the rules change nothing
        problem(web.put().uri("/api/v1/courses/{id}/outline", courseId).header(TENANT_HEADER, tenant)
                .header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.APPLICATION_JSON).bodyValue(edited), 412,
                "stale-outline").path("currentRevision").asInt();
        problem(web.put().uri("/api/v1/courses/{id}/outline", courseId).header(TENANT_HEADER, tenant)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(edited), 428, "if-match-required");
        JsonNode invalid = problem(web.put().uri("/api/v1/courses/{id}/outline", courseId).header(TENANT_HEADER, tenant)
                .header(HttpHeaders.IF_MATCH, "\"2\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(draft(new DraftModule("Twice", List.of(lesson("Sugar"), lesson("sugar"))))), 422,
                "invalid-outline");
        assertThat(invalid.path("errors").get(0).path("message").asString())
                .isEqualTo("lesson 2 repeats the title \"sugar\"");
        problem(web.get().uri("/api/v1/courses/{id}/outline", courseId).header(TENANT_HEADER, "someone-else"), 404,
                null);
        // nothing was requested before the approval
        assertThat(TopicReader.recordsSoFar(bootstrapServers, Topics.LESSON_REQUESTED).stream()
                .filter(record -> record.key().startsWith(courseId))).isEmpty();

        JsonNode approved = json.readTree(web.post().uri("/api/v1/courses/{id}/approve", courseId)
                .header(TENANT_HEADER, tenant).header(HttpHeaders.IF_MATCH, "\"2\"").exchange()
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody());
        assertThat(approved.path("status").asString()).isEqualTo("QUEUED");
        assertThat(approved.path("revision").asInt()).isEqualTo(2);

        TopicReader.Records requested = topics.awaitRecords(courseId,
                records -> records.count(Topics.LESSON_REQUESTED) == 3 && records.count(Topics.IMAGE_REQUESTED) == 4);
        assertThat(requested.values(Topics.LESSON_REQUESTED, LessonRequested.class))
                .extracting(request -> request.lesson().lessonId() + " " + request.lesson().title())
                .containsExactlyInAnyOrder("lesson-01 Sunlight", "lesson-02 Sugar", "lesson-03 Oxygen");
        assertThat(requested.values(Topics.IMAGE_REQUESTED, ImageRequested.class)).extracting(ImageRequested::imageId)
                .containsExactlyInAnyOrder("lesson-01", "lesson-02", "lesson-03", ImageRequested.COVER);
        awaitStatus(tenant, courseId, "GENERATING");
        // the same approval again changes nothing; one naming another revision is refused
        web.post().uri("/api/v1/courses/{id}/approve", courseId).header(TENANT_HEADER, tenant)
                .header(HttpHeaders.IF_MATCH, "\"2\"").exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("GENERATING");
        problem(web.post().uri("/api/v1/courses/{id}/approve", courseId).header(TENANT_HEADER, tenant)
                .header(HttpHeaders.IF_MATCH, "\"1\""), 409, "not-awaiting-review");

        // the model's outline delivered again does not undo the owner's edit
        outline(courseId, tenant, "Light", "Water");
        complete(courseId, tenant, List.of("lesson-01", "lesson-02", "lesson-03"));

        JsonNode completed = awaitStatus(tenant, courseId, "COMPLETED");
        assertThat(completed.path("progress").path("partsTotal").asInt()).isEqualTo(8);
        assertThat(completed.path("lessons").valueStream().map(lesson -> lesson.path("title").asString()).toList())
                .containsExactly("Sunlight", "Sugar", "Oxygen");
        assertThat(titles(readOutline(tenant, courseId, "\"2\""))).containsExactly("Sunlight", "Sugar", "Oxygen");
    }

    @Test
    void anOutlineWaitingForReviewHoldsNoPlaceInTheGenerationCapacity() {
        String tenant = "tenant-capacity-" + UUID.randomUUID();
        String reviewed = submit(tenant, CourseSpec.OUTLINE_REVIEW, 1);
        outline(reviewed, tenant, "Only");
        awaitStatus(tenant, reviewed, "OUTLINE_READY");

        // two places: both straight courses start although the reviewed one was admitted before them
        String first = submit(tenant, CourseSpec.NO_REVIEW, 1);
        String second = submit(tenant, CourseSpec.NO_REVIEW, 1);

        topics.awaitRecords(first, records -> records.count(Topics.COURSE_ADMITTED) == 1);
        topics.awaitRecords(second, records -> records.count(Topics.COURSE_ADMITTED) == 1);
        for (String courseId : List.of(first, second, reviewed)) {
            web.delete().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                    .expectStatus().isAccepted();
        }
    }

    @Test
    void anOutlineNobodyApprovesIsCancelledWhenItsReviewTimeRunsOut() {
        String tenant = "tenant-expiry-" + UUID.randomUUID();
        String courseId = submit(tenant, CourseSpec.OUTLINE_REVIEW, 1);
        outline(courseId, tenant, "Only");
        awaitStatus(tenant, courseId, "OUTLINE_READY");
        // as if it had waited eight days (the default review time is seven)
        mongo.updateFirst(Query.query(Criteria.where("_id").is(courseId)),
                Update.update(CourseDocuments.OUTLINED_AT, Date.from(Instant.now().minus(Duration.ofDays(8)))),
                CourseDocuments.COLLECTION).block();

        JsonNode cancelled = awaitStatus(tenant, courseId, "CANCELLED");

        assertThat(cancelled.path("error").asString()).startsWith("review-expired:");
        problem(web.post().uri("/api/v1/courses/{id}/approve", courseId).header(TENANT_HEADER, tenant), 409,
                "not-awaiting-review");
    }

    @Test
    void aCourseRequestedWithoutReviewCannotBeEditedOrApproved() {
        String tenant = "tenant-straight-" + UUID.randomUUID();
        String courseId = submit(tenant, CourseSpec.NO_REVIEW, 1);
        problem(web.get().uri("/api/v1/courses/{id}/outline", courseId).header(TENANT_HEADER, tenant), 409,
                "not-outlined-yet");
        outline(courseId, tenant, "Only");
        awaitStatus(tenant, courseId, "GENERATING");

        assertThat(titles(readOutline(tenant, courseId, "\"1\""))).containsExactly("Only");
        problem(web.put().uri("/api/v1/courses/{id}/outline", courseId).header(TENANT_HEADER, tenant)
                .header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(draft(new DraftModule("M", List.of(lesson("Other"))))), 409, "not-awaiting-review");
        web.delete().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isAccepted();
    }

    private String submit(String tenant, String review, int lessons) {
        CourseSpec spec = new CourseSpec("Photosynthesis", "gardeners", "beginner", "en", lessons, true, "flat", review);
        String courseId = "c-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("course", new CourseRequested(courseId, tenant, spec, Instant.now()));
        web.post().uri("/internal/v1/courses").header(TENANT_HEADER, tenant)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("CREATED");
        return courseId;
    }

    /** The model's outline as outline-service publishes it, once the course was admitted. */
    private void outline(String courseId, String tenant, String... titles) {
        topics.awaitRecords(courseId, records -> records.count(Topics.COURSE_ADMITTED) == 1);
        List<Outline.OutlineLesson> lessons = new ArrayList<>();
        for (String title : titles) {
            int position = lessons.size() + 1;
            lessons.add(new Outline.OutlineLesson(OutlineDraft.lessonId(position), position, title, "About " + title,
                    List.of("Describe " + title), List.of(title), 10, "Module 1"));
        }
        Outline outline = new Outline("Photosynthesis", "How plants make sugar.", "gardeners", List.of(),
                List.of("Describe light", "Explain water", "Apply both"), lessons);
        kafka.send(Topics.COURSE_OUTLINED, courseId, new CourseOutlined(courseId, tenant, outline,
                new Usage("openai", "gpt-test", 1, 300, 400, 0), Instant.now())).join();
    }

    private void complete(String courseId, String tenant, List<String> lessonIds) {
        for (String lessonId : lessonIds) {
            kafka.send(Topics.LESSON_GENERATED, courseId, new LessonGenerated(courseId, lessonId,
                    new Lesson("Written " + lessonId, "# Lesson\n\nText.", List.of("takeaway"),
                            List.of(new Lesson.QuizQuestion("Why?", List.of("a", "b", "c"), 1, "Because b."))),
                    new Usage("openai", "gpt-test", 1, 100, 200, 0), Instant.now())).join();
        }
        List<String> imageIds = new ArrayList<>(lessonIds);
        imageIds.add(ImageRequested.COVER);
        for (String imageId : imageIds) {
            kafka.send(Topics.IMAGE_GENERATED, courseId, new ImageGenerated(courseId, imageId,
                    imageId.equals(ImageRequested.COVER) ? null : imageId, "media/" + imageId + ".png", "image/png",
                    64, 48, 100, "0".repeat(64), "a leaf", "caption", "alt text", "prompt",
                    new Usage("openai", "gpt-test+gpt-image-test", 2, 50, 20, 1), Instant.now())).join();
        }
    }

    private JsonNode awaitStatus(String tenant, String courseId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(course(tenant, courseId)
                .path("status").asString()).isEqualTo(status));
        return course(tenant, courseId);
    }

    private JsonNode course(String tenant, String courseId) {
        return json.readTree(web.get().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private JsonNode readOutline(String tenant, String courseId, String etag) {
        return json.readTree(web.get().uri("/api/v1/courses/{id}/outline", courseId).header(TENANT_HEADER, tenant)
                .exchange().expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectBody().returnResult().getResponseBody());
    }

    private JsonNode problem(WebTestClient.RequestHeadersSpec<?> request, int status, String type) {
        JsonNode problem = json.readTree(request.exchange().expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody());
        if (type != null) {
            assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + type);
        }
        return problem;
    }

    private static List<String> titles(JsonNode reviewed) {
        List<String> titles = new ArrayList<>();
        reviewed.path("outline").path("modules").forEach(module -> module.path("lessons")
                .forEach(lesson -> titles.add(lesson.path("title").asString())));
        return titles;
    }

    private static OutlineDraft draft(DraftModule... modules) {
        return new OutlineDraft("Photosynthesis", "How plants make sugar.", "gardeners", List.of(),
                List.of("Describe light", "Explain water", "Apply both"), List.of(modules));
    }

    private static DraftLesson lesson(String title) {
        return new DraftLesson(title, "About " + title, List.of("Describe " + title), List.of(title), 10);
    }
}
