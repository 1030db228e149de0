package io.coursegen.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.ImageGenerated;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Topics;
import io.coursegen.contracts.Usage;
import io.coursegen.storage.export.Zips;
import io.coursegen.storage.media.S3Properties;
import io.coursegen.testkit.TestImages;
import io.coursegen.testkit.TopicReader;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
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
 * The owner's hand edits of a completed course's lessons, driven as the gateway drives them, on a course assembled
 * from the pipeline's events: an edit is held to the rules a model's lesson meets, is shown as the lesson's next
 * revision with the one it replaced kept as a version, and costs no model call (nothing is requested, no status
 * published).
 */
@Import(AsAGateway.Client.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        // admission paused: the tests play the pipeline's events themselves
        "coursegen.admission.max-in-flight=0"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class LessonEditTest {

    private static final String TENANT_HEADER = "X-Coursegen-Tenant";
    private static final String PROBLEMS = "https://coursegen.io/problems/";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] PNG = TestImages.png(64, 48);
    private static final String SHA256 = sha256(PNG);
    private static final String OBJECT_KEY = "images/" + SHA256 + ".png";
    /** The model's results carry a fixed time, so one delivered again is the same result. */
    private static final Instant GENERATED_AT = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired
    WebTestClient web;
    @Autowired
    JsonMapper json;
    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    S3Properties s3;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "edit-test", "edit-test-secret");
    }

    @Test
    void anEditOfTheTextAndQuizIsTheLessonsNextRevisionAndKeepsTheModelsTextAsAVersion() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = completedCourse(tenant, 2);
        JsonNode before = course(tenant, courseId);
        int snapshots = records(Topics.COURSE_STATUS, courseId).size();

        JsonNode edited = edited(edit(tenant, courseId, "lesson-01", "\"1\"", Map.of(
                "markdown", "# Light\n\nWritten by hand.",
                "quiz", questions("Why are leaves green?", 3))), "\"2\"");

        assertThat(edited.path("lessonId").asString()).isEqualTo("lesson-01");
        assertThat(edited.path("revision").asInt()).isEqualTo(2);
        assertThat(edited.hasNonNull("editedAt")).isTrue();
        assertThat(edited.path("markdown").asString()).isEqualTo("# Light\n\nWritten by hand.");
        assertThat(edited.path("quiz").get(0).path("question").asString()).isEqualTo("Why are leaves green? 1");
        assertThat(strings(edited.path("keyTakeaways"))).as("not edited, so kept")
                .containsExactly("takeaway 1", "takeaway 2", "takeaway 3");
        assertThat(edited.path("image").path("caption").asString()).isEqualTo("caption for lesson-01");
        assertThat(edited.path("versions")).singleElement().satisfies(version -> {
            assertThat(version.path("revision").asInt()).isEqualTo(1);
            assertThat(version.path("markdown").asString()).isEqualTo("# Lesson 1\n\nText.");
            assertThat(version.path("quiz").get(0).path("question").asString()).isEqualTo("Question 1?");
            assertThat(version.path("image").path("caption").asString()).isEqualTo("caption for lesson-01");
            assertThat(version.hasNonNull("generatedAt")).isTrue();
            assertThat(version.path("editedAt").isNull()).as("a model's version").isTrue();
        });

        JsonNode after = course(tenant, courseId);
        assertThat(after.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(after.path("progress")).isEqualTo(before.path("progress"));
        assertThat(after.path("usage")).as("the edit cost nothing and the model's version is still counted")
                .isEqualTo(before.path("usage"));
        assertThat(after.path("lessons").get(0).path("markdown").asString()).isEqualTo("# Light\n\nWritten by hand.");
        assertThat(after.path("lessons").get(1).path("revision").asInt()).isEqualTo(1);
        assertThat(after.path("lessons").get(1).path("editedAt").isNull()).isTrue();

        // the model's first text delivered again is the version it already is: neither shown nor kept twice
        kafka.send(Topics.LESSON_GENERATED, courseId, modelText(courseId, 1)).join();
        await().atMost(WAIT).until(() -> records(Topics.COURSE_STATUS, courseId).size() > snapshots);
        JsonNode replayed = course(tenant, courseId).path("lessons").get(0);
        assertThat(replayed.path("markdown").asString()).isEqualTo("# Light\n\nWritten by hand.");
        assertThat(replayed.path("versions")).hasSize(1);
        assertThat(records(Topics.COURSE_STATUS, courseId)).as("the replay's snapshot only; the edit published none")
                .hasSize(snapshots + 1);
        assertThat(records(Topics.LESSON_REQUESTED, courseId)).isEmpty();
        assertThat(records(Topics.IMAGE_REQUESTED, courseId)).isEmpty();
    }

    @Test
    void anEditOfThePicturesTextsKeepsThePictureAndEveryExportShowsTheEditedLesson() throws Exception {
        storePicture();
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = completedCourse(tenant, 1);

        JsonNode captioned = edited(edit(tenant, courseId, "lesson-01", null, Map.of("picture", Map.of(
                "caption", "  The cat in the box stands for superposition.  ",
                "altText", "A cat in a closed box"))), "\"2\"");
        assertThat(captioned.path("image").path("caption").asString())
                .isEqualTo("The cat in the box stands for superposition.");
        assertThat(captioned.path("image").path("altText").asString()).isEqualTo("A cat in a closed box");
        assertThat(captioned.path("image").path("sha256").asString()).as("the same picture").isEqualTo(SHA256);
        assertThat(captioned.path("image").path("url").asString()).contains(OBJECT_KEY);
        assertThat(captioned.path("markdown").asString()).isEqualTo("# Lesson 1\n\nText.");

        JsonNode rewritten = edited(edit(tenant, courseId, "lesson-01", "\"2\"",
                Map.of("markdown", "# Superposition\n\nA hand-written lesson.")), "\"3\"");
        assertThat(rewritten.path("image").path("caption").asString())
                .isEqualTo("The cat in the box stands for superposition.");
        assertThat(rewritten.path("versions").valueStream().map(version -> version.path("revision").asInt()
                        + " " + version.path("image").path("caption").asString() + " " + version.hasNonNull("editedAt")))
                .containsExactly("1 caption for lesson-01 false", "2 The cat in the box stands for superposition. true");

        JsonNode exported = json.readTree(export(tenant, courseId, "json"));
        JsonNode lesson = exported.path("lessons").get(0);
        assertThat(lesson.path("markdown").asString()).isEqualTo("# Superposition\n\nA hand-written lesson.");
        assertThat(lesson.path("image").path("caption").asString())
                .isEqualTo("The cat in the box stands for superposition.");
        assertThat(lesson.path("image").path("altText").asString()).isEqualTo("A cat in a closed box");
        String markdown = new String(Zips.unzip(export(tenant, courseId, "markdown")).get("01-planned-1.md"),
                StandardCharsets.UTF_8);
        assertThat(markdown).contains("A hand-written lesson.", "![A cat in a closed box](images/lesson-01.png)",
                "*The cat in the box stands for superposition.*");
    }

    @Test
    void anEditThatBreaksTheLessonRulesIsA422ListingEveryProblemAndChangesNothing() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = completedCourse(tenant, 1);
        List<Map<String, Object>> quiz = new ArrayList<>(questions("Q", 2));
        quiz.set(0, Map.of("question", "Q 1", "options", List.of("a", "b", "c"), "correctOption", 1,
                "explanation", "Because."));
        quiz.set(1, Map.of("question", "Q 2", "options", List.of("a", "b", "c", "d"), "explanation", "Because."));

        JsonNode invalid = problem(edit(tenant, courseId, "lesson-01", "\"1\"", Map.of(
                "markdown", " ",
                "keyTakeaways", List.of("only one"),
                "quiz", quiz,
                "picture", Map.of("caption", " ", "altText", "x".repeat(301)))), 422, "invalid-lesson");

        assertThat(invalid.path("errors").valueStream()
                .map(error -> error.path("field").asString() + ": " + error.path("message").asString()))
                .containsExactly(
                        "quiz[1]: question 2 has no correctOption",
                        "markdown: the markdown is blank",
                        "keyTakeaways: expected 3 to 5 key takeaways but got 1",
                        "quiz: expected 3 to 5 quiz questions but got 2",
                        "quiz[0]: question 1 needs exactly 4 non-blank options but has 3",
                        "picture.caption: caption is blank",
                        "picture.altText: altText has 301 characters; at most 300 are allowed");
        JsonNode unchanged = course(tenant, courseId).path("lessons").get(0);
        assertThat(unchanged.path("revision").asInt()).isEqualTo(1);
        assertThat(unchanged.path("markdown").asString()).isEqualTo("# Lesson 1\n\nText.");
        assertThat(unchanged.path("versions")).isEmpty();
    }

    @Test
    void anEditMadeOnAnotherRevisionThanTheShownOneIsA412() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = completedCourse(tenant, 1);
        edited(edit(tenant, courseId, "lesson-01", "\"1\"", Map.of("markdown", "# Mine")), "\"2\"");

        JsonNode stale = problem(edit(tenant, courseId, "lesson-01", "\"1\"", Map.of("markdown", "# Theirs")), 412,
                "stale-lesson");
        problem(edit(tenant, courseId, "lesson-01", "*", Map.of("markdown", "# Theirs")), 412, "stale-lesson");

        assertThat(stale.path("currentRevision").asInt()).isEqualTo(2);
        assertThat(course(tenant, courseId).path("lessons").get(0).path("markdown").asString()).isEqualTo("# Mine");
        // without If-Match the edit applies to whichever revision is shown
        edited(edit(tenant, courseId, "lesson-01", null, Map.of("markdown", "# Theirs")), "\"3\"");
    }

    @Test
    void onlyTheOwnerCanEditALessonAndOnlyOfACompletedCourse() {
        String tenant = "tenant-" + UUID.randomUUID();
        String generating = "course-" + UUID.randomUUID();
        intake(tenant, generating, 1);
        kafka.send(Topics.COURSE_OUTLINED, generating, outlined(generating, tenant, 1)).join();
        await().atMost(WAIT).until(() -> course(tenant, generating).path("status").asString().equals("GENERATING"));
        Map<String, Object> edit = Map.of("markdown", "# Mine");

        assertThat(problem(edit(tenant, generating, "lesson-01", null, edit), 409, "lesson-not-editable")
                .path("courseStatus").asString()).isEqualTo("GENERATING");

        String courseId = completedCourse(tenant, 1);
        problem(edit("someone-else", courseId, "lesson-01", null, edit), 404, null);
        problem(edit(tenant, courseId, "lesson-09", null, edit), 404, null);
        problem(edit(tenant, "course-" + UUID.randomUUID(), "lesson-01", null, edit), 404, null);
        problem(edit(tenant, courseId, "lesson-01", null, Map.of()), 400, null);
        problem(edit(tenant, courseId, "lesson-01", null, Map.of("title", "Not editable", "picture", Map.of())), 400,
                null);
        problem(web.patch().uri("/api/v1/courses/{id}/lessons/{lessonId}", courseId, "lesson-01")
                .header(TENANT_HEADER, tenant), 400, null);

        web.post().uri("/api/v1/courses/{id}/lessons/{lessonId}/regenerate", courseId, "lesson-01")
                .header(TENANT_HEADER, tenant).exchange().expectStatus().isAccepted();
        assertThat(problem(edit(tenant, courseId, "lesson-01", null, edit), 409, "lesson-not-editable")
                .path("courseStatus").asString()).as("while a regeneration runs").isEqualTo("GENERATING");
        assertThat(course(tenant, courseId).path("lessons").get(0).path("revision").asInt()).isEqualTo(1);
    }

    @Test
    void aRegenerationAfterAnEditKeepsTheEditAsAVersionAndShowsTheModelsNewTextUnmarked() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = completedCourse(tenant, 1);
        edited(edit(tenant, courseId, "lesson-01", "\"1\"", Map.of("markdown", "# By hand")), "\"2\"");

        web.post().uri("/api/v1/courses/{id}/lessons/{lessonId}/regenerate", courseId, "lesson-01")
                .header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isAccepted().expectBody().jsonPath("$.revision").isEqualTo(3);
        LessonGenerated third = new LessonGenerated(courseId, "lesson-01", new Lesson("Planned 1", "# Third",
                takeaways(), contractQuestions()), usage(), GENERATED_AT, 3);
        kafka.send(Topics.LESSON_GENERATED, courseId, third).join();
        kafka.send(Topics.IMAGE_GENERATED, courseId, picture(courseId, "lesson-01", 3)).join();
        await().atMost(WAIT).until(() -> course(tenant, courseId).path("status").asString().equals("COMPLETED"));

        JsonNode lesson = course(tenant, courseId).path("lessons").get(0);
        assertThat(lesson.path("markdown").asString()).isEqualTo("# Third");
        assertThat(lesson.path("revision").asInt()).isEqualTo(3);
        assertThat(lesson.path("editedAt").isNull()).as("the model's text").isTrue();
        assertThat(lesson.path("versions").valueStream().map(version -> version.path("revision").asInt() + " "
                        + version.path("markdown").asString() + " " + version.hasNonNull("editedAt")))
                .containsExactly("1 # Lesson 1\n\nText. false", "2 # By hand true");
    }

    // --- the course, as the pipeline's events make it -----------------------------------------------------

    /** A course accepted at the intake, outlined, and with every lesson and picture written: COMPLETED. */
    private String completedCourse(String tenant, int lessons) {
        String courseId = "course-" + UUID.randomUUID();
        intake(tenant, courseId, lessons);
        kafka.send(Topics.COURSE_OUTLINED, courseId, outlined(courseId, tenant, lessons)).join();
        for (int i = 1; i <= lessons; i++) {
            kafka.send(Topics.LESSON_GENERATED, courseId, modelText(courseId, i)).join();
            kafka.send(Topics.IMAGE_GENERATED, courseId, picture(courseId, lessonId(i), null)).join();
        }
        kafka.send(Topics.IMAGE_GENERATED, courseId, picture(courseId, ImageRequested.COVER, null)).join();
        await().atMost(WAIT).until(() -> course(tenant, courseId).path("status").asString().equals("COMPLETED"));
        return courseId;
    }

    private void intake(String tenant, String courseId, int lessons) {
        CourseSpec spec = new CourseSpec("Quantum computing", "product managers", "beginner", "en", lessons, true,
                "flat illustration");
        web.post().uri("/internal/v1/courses").header(TENANT_HEADER, tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("course", new CourseRequested(courseId, tenant, spec, Instant.now())))
                .exchange().expectStatus().isOk();
    }

    private static CourseOutlined outlined(String courseId, String tenant, int lessons) {
        List<Outline.OutlineLesson> planned = IntStream.rangeClosed(1, lessons)
                .mapToObj(i -> new Outline.OutlineLesson(lessonId(i), i, "Planned " + i, "Summary " + i,
                        List.of("Describe " + i), List.of("concept " + i), 10))
                .toList();
        Outline outline = new Outline("Quantum computing, gently", "A short course", "product managers", List.of(),
                List.of("Describe superposition", "Explain qubits", "Apply both"), planned);
        return new CourseOutlined(courseId, tenant, outline, usage(), GENERATED_AT);
    }

    /** The model's first text of lesson i, valid by the lesson rules. */
    private static LessonGenerated modelText(String courseId, int i) {
        return new LessonGenerated(courseId, lessonId(i), new Lesson("Planned " + i, "# Lesson " + i + "\n\nText.",
                takeaways(), contractQuestions()), usage(), GENERATED_AT);
    }

    private static ImageGenerated picture(String courseId, String imageId, Integer revision) {
        return new ImageGenerated(courseId, imageId, imageId.equals(ImageRequested.COVER) ? null : imageId, OBJECT_KEY,
                "image/png", 64, 48, PNG.length, SHA256, "Schrödinger's cat", "caption for " + imageId,
                "alt text for " + imageId, "prompt", new Usage("openai", "gpt-image-test", 2, 50, 20, 1), GENERATED_AT,
                revision);
    }

    private static List<String> takeaways() {
        return List.of("takeaway 1", "takeaway 2", "takeaway 3");
    }

    private static List<Lesson.QuizQuestion> contractQuestions() {
        return IntStream.rangeClosed(1, 3).mapToObj(i -> new Lesson.QuizQuestion("Question " + i + "?",
                List.of("a", "b", "c", "d"), 1, "Because b.")).toList();
    }

    /** Questions as a client sends them. */
    private static List<Map<String, Object>> questions(String text, int count) {
        return IntStream.rangeClosed(1, count).<Map<String, Object>>mapToObj(i -> Map.of("question", text + " " + i,
                "options", List.of("red", "green", "blue", "white"), "correctOption", 1,
                "explanation", "Chlorophyll reflects green light.")).toList();
    }

    private static Usage usage() {
        return new Usage("openai", "gpt-test", 1, 100, 200, 0);
    }

    private static String lessonId(int position) {
        return "lesson-%02d".formatted(position);
    }

    /** What image-service does before it announces a picture: the exports with pictures read it. */
    private void storePicture() throws Exception {
        MinioClient.builder().endpoint(s3.endpoint()).region(s3.region()).credentials(s3.accessKey(), s3.secretKey())
                .build()
                .putObject(PutObjectArgs.builder().bucket(s3.bucket()).object(OBJECT_KEY)
                        .stream(new ByteArrayInputStream(PNG), PNG.length, -1).contentType("image/png").build());
    }

    // --- what the owner sees ------------------------------------------------------------------------------

    /** PATCH .../lessons/{lessonId} as the gateway forwards it; a null ifMatch sends none. */
    private WebTestClient.ResponseSpec edit(String tenant, String courseId, String lessonId, String ifMatch,
            Map<String, Object> body) {
        return web.patch().uri("/api/v1/courses/{id}/lessons/{lessonId}", courseId, lessonId)
                .header(TENANT_HEADER, tenant)
                .headers(headers -> {
                    if (ifMatch != null) {
                        headers.setIfMatch(ifMatch);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private JsonNode edited(WebTestClient.ResponseSpec response, String etag) {
        return json.readTree(response.expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectBody().returnResult().getResponseBody());
    }

    private JsonNode problem(WebTestClient.ResponseSpec response, int status, String type) {
        JsonNode problem = json.readTree(response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody());
        if (type != null) {
            assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + type);
        }
        return problem;
    }

    private JsonNode problem(WebTestClient.RequestHeadersSpec<?> request, int status, String type) {
        return problem(request.exchange(), status, type);
    }

    private JsonNode course(String tenant, String courseId) {
        return json.readTree(web.get().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private byte[] export(String tenant, String courseId, String format) {
        return web.mutate().responseTimeout(WAIT).build()
                .get().uri("/api/v1/courses/{id}/export?format={format}", courseId, format)
                .header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
    }

    /** Every record of the course on the topic so far. */
    private List<ConsumerRecord<String, String>> records(String topic, String courseId) {
        return TopicReader.recordsSoFar(bootstrapServers, topic).stream()
                .filter(record -> record.key() != null && Topics.courseIdOfKey(record.key()).equals(courseId))
                .toList();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
