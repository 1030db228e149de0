package io.coursegen.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseCancelled;
import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.GatewayProof;
import io.coursegen.contracts.ImageGenerated;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.LessonGenerated;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Topics;
import io.coursegen.contracts.Usage;
import io.coursegen.storage.export.Zips;
import io.coursegen.storage.export.HtmlChecks;
import io.coursegen.storage.export.ScormPackage;
import io.coursegen.storage.media.S3Properties;
import io.coursegen.testkit.TestImages;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The storage scenario against real infrastructure; subclasses provide Kafka, MongoDB and S3 (embedded, or
 * containers where Docker exists). Every test uses its own tenant and course ids, so tests share one context.
 */
@Import(AsAGateway.Client.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "coursegen.kafka.retry.initial-interval=100ms",
        "coursegen.kafka.retry.retries=1",
        // some courses here are requested in the past and stay running on purpose; CourseDeadlineTest fails them
        "coursegen.storage.deadline=3650d",
        // admission paused: these tests play the pipeline's events themselves (CourseAdmissionTest admits)
        "coursegen.admission.max-in-flight=0",
        "coursegen.metrics.in-flight-refresh=200ms",
        "coursegen.pricing.models.gpt-test.prompt-per-million=1000",
        "coursegen.pricing.models.gpt-test.completion-per-million=2000",
        "coursegen.pricing.models.gpt-image-test.prompt-per-million=1000",
        "coursegen.pricing.models.gpt-image-test.completion-per-million=1000",
        "coursegen.pricing.models.gpt-image-test.per-image=0.25"})
@AutoConfigureWebTestClient
abstract class StorageScenario {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] PNG = TestImages.png(64, 48);
    private static final String OBJECT_KEY = "images/" + sha256(PNG) + ".png";
    private static final String TENANT_HEADER = "X-Coursegen-Tenant";

    @Autowired
    WebTestClient web;
    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    JsonMapper json;
    @Autowired
    S3Properties s3;
    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final HttpClient http = HttpClient.newHttpClient();
    @LocalServerPort
    int port;

    @Test
    void onlyRequestsAGatewaySignedAreServedWhateverTenantTheyName() {
        WebTestClient anyone = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        String tenant = "tenant-" + UUID.randomUUID();

        anyone.get().uri("/api/v1/courses").header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://coursegen.io/problems/gateway-proof");
        anyone.post().uri("/internal/v1/courses").header(TENANT_HEADER, tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("course", requested("course-" + UUID.randomUUID(), tenant, 1, Instant.now())))
                .exchange().expectStatus().isUnauthorized();
        // a real proof, but for another tenant than the header names
        String proofForAcme = new GatewayProof(AsAGateway.SECRET).sign("acme", "GET", "/api/v1/courses", Instant.now());
        anyone.get().uri("/api/v1/courses").header(TENANT_HEADER, tenant).header(GatewayProof.HEADER, proofForAcme)
                .exchange().expectStatus().isUnauthorized();
        // probes and metrics stay open to the orchestrator and Prometheus
        anyone.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        anyone.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        // and the gateway's signature is all it takes
        anyone.mutate().filter(AsAGateway.signing()).build()
                .get().uri("/api/v1/courses").header(TENANT_HEADER, tenant).exchange().expectStatus().isOk();
    }

    @Test
    void aNewCourseIsStoredAsQueuedAndReadableAtOnce() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        CourseRequested requested = requested(courseId, tenant, 1, Instant.now().truncatedTo(ChronoUnit.MILLIS));

        intake(tenant, Map.of("course", requested)).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("CREATED")
                .jsonPath("$.course.courseId").isEqualTo(courseId)
                .jsonPath("$.status").isEqualTo("QUEUED");
        web.get().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("QUEUED")
                .jsonPath("$.request.topic").isEqualTo("Quantum computing")
                .jsonPath("$.progress.partsTotal").isEqualTo(4)
                .jsonPath("$.createdAt").isEqualTo(requested.requestedAt().toString());
        web.get().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, "another-tenant").exchange()
                .expectStatus().isNotFound();
        assertThat(snapshots(courseId)).singleElement().satisfies(queued -> {
            assertThat(queued.status()).isEqualTo(CourseStatus.QUEUED);
            assertThat(queued.partsTotal()).isEqualTo(4);
        });
    }

    @Test
    void aNewCourseForAnotherTenantOrWithoutItsPartsIsABadRequest() {
        String tenant = "tenant-" + UUID.randomUUID();
        CourseRequested requested = requested("course-" + UUID.randomUUID(), tenant, 1, Instant.now());
        intake("another-tenant", Map.of("course", requested)).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        intake(tenant, Map.of("course", new CourseRequested(null, tenant, requested.spec(), Instant.now())))
                .expectStatus().isBadRequest();
        intake(tenant, Map.of("course", requested, "idempotencyKey", "key-without-hash")).expectStatus().isBadRequest();
        web.get().uri("/api/v1/courses/{id}", requested.courseId()).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void anIdempotencyKeyStandsForItsFirstCourse() {
        String tenant = "tenant-" + UUID.randomUUID();
        CourseRequested first = requested("course-" + UUID.randomUUID(), tenant, 1, Instant.now());
        CourseRequested retry = requested("course-" + UUID.randomUUID(), tenant, 1, Instant.now());
        CourseRequested other = requested("course-" + UUID.randomUUID(), tenant, 2, Instant.now());

        intake(tenant, Map.of("course", first, "idempotencyKey", "k-1", "requestHash", "h-1")).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("CREATED");
        intake(tenant, Map.of("course", retry, "idempotencyKey", "k-1", "requestHash", "h-1")).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("REPLAYED")
                .jsonPath("$.course.courseId").isEqualTo(first.courseId())
                .jsonPath("$.status").isEqualTo("QUEUED");
        intake(tenant, Map.of("course", other, "idempotencyKey", "k-1", "requestHash", "h-2")).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("MISMATCH")
                .jsonPath("$.course.courseId").isEqualTo(first.courseId());

        for (String neverStored : List.of(retry.courseId(), other.courseId())) {
            web.get().uri("/api/v1/courses/{id}", neverStored).header(TENANT_HEADER, tenant).exchange()
                    .expectStatus().isNotFound();
        }
        assertThat(snapshots(first.courseId())).hasSize(1);
    }

    @Test
    void aKeyWhoseFirstSubmissionStoppedBeforeStoringItsCourseStoresItOnTheRetry() {
        String tenant = "tenant-" + UUID.randomUUID();
        CourseRequested first = requested("course-" + UUID.randomUUID(), tenant, 1, Instant.now());
        // what a storage-service that stopped between claiming the key and inserting the course leaves behind
        mongo.insert(new Document("_id", tenant + ":k-crash").append("tenantId", tenant).append("key", "k-crash")
                .append("requestHash", "h").append("courseId", first.courseId())
                .append("request", Document.parse(json.writeValueAsString(first)))
                .append("reservedAt", new java.util.Date()), "idempotency_keys").block(WAIT);

        intake(tenant, Map.of("course", requested("course-" + UUID.randomUUID(), tenant, 1, Instant.now()),
                "idempotencyKey", "k-crash", "requestHash", "h")).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("REPLAYED")
                .jsonPath("$.status").isEqualTo("QUEUED");

        assertThat(getCourse(tenant, first.courseId()).get("status").asString()).isEqualTo("QUEUED");
    }

    @Test
    void aKeyStandsForItsCourseEvenAfterTheOwnerDeletedIt() {
        String tenant = "tenant-" + UUID.randomUUID();
        CourseRequested first = requested("course-" + UUID.randomUUID(), tenant, 1, Instant.now());
        intake(tenant, Map.of("course", first, "idempotencyKey", "k-del", "requestHash", "h")).expectStatus().isOk();
        web.delete().uri("/api/v1/courses/{id}", first.courseId()).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isAccepted();
        web.delete().uri("/api/v1/courses/{id}", first.courseId()).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isNoContent();

        intake(tenant, Map.of("course", requested("course-" + UUID.randomUUID(), tenant, 1, Instant.now()),
                "idempotencyKey", "k-del", "requestHash", "h")).expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("REPLAYED")
                .jsonPath("$.course.courseId").isEqualTo(first.courseId())
                .jsonPath("$.status").doesNotExist();
        web.get().uri("/api/v1/courses/{id}", first.courseId()).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void reportsHealthyWhileTheDatabaseAnswers() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void assemblesEventsArrivingInAnyOrderAndTwiceIntoOneCompletedCourse() throws Exception {
        storePicture();
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Sent> events = new ArrayList<>(fullCourse(courseId, tenant, 3, requestedAt));
        List<Sent> replays = List.of(events.get(1), events.get(3), events.get(events.size() - 1), events.get(2));
        events.addAll(replays);
        Collections.shuffle(events, new Random(7));
        // parts before the outline, the rest in a scrambled order
        events.sort((a, b) -> Boolean.compare(a.isHeader(), b.isHeader()));
        send(events);

        awaitSnapshots(courseId, events.size());
        assertThat(snapshots(courseId)).anySatisfy(snapshot -> {
            assertThat(snapshot.status()).isEqualTo(CourseStatus.COMPLETED);
            assertThat(snapshot.tenantId()).isEqualTo(tenant);
            assertThat(snapshot.partsDone()).isEqualTo(8);
            assertThat(snapshot.partsTotal()).isEqualTo(8);
            assertThat(snapshot.error()).isNull();
        });

        JsonNode course = getCourse(tenant, courseId);
        assertThat(course.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(course.get("request").get("topic").asString()).isEqualTo("Quantum computing");
        assertThat(course.get("progress").toString()).isEqualTo("{\"partsDone\":8,\"partsTotal\":8,\"percent\":100}");
        assertThat(course.get("outline").get("title").asString()).isEqualTo("Quantum computing, gently");
        assertThat(course.get("outline").has("lessons")).isFalse();
        assertThat(course.get("lessons").valueStream().map(l -> l.get("lessonId").asString()))
                .containsExactly("lesson-01", "lesson-02", "lesson-03");
        assertThat(course.get("lessons").valueStream().map(l -> l.get("position").asInt())).containsExactly(1, 2, 3);
        for (JsonNode lesson : course.get("lessons")) {
            assertThat(lesson.get("status").asString()).isEqualTo("DONE");
            assertThat(lesson.get("title").asString()).startsWith("Planned ");
            assertThat(lesson.get("markdown").asString()).startsWith("# ");
            assertThat(lesson.get("quiz").get(0).get("correctOption").asInt()).isEqualTo(1);
            assertThat(lesson.get("image").get("imageId").asString()).isEqualTo(lesson.get("lessonId").asString());
            assertPictureDownloads(lesson.get("image").get("url").asString());
        }
        JsonNode cover = course.get("cover");
        assertThat(cover.get("imageId").asString()).isEqualTo("cover");
        assertThat(cover.get("altText").asString()).isEqualTo("alt text for cover");
        assertThat(cover.get("byteSize").asLong()).isEqualTo(PNG.length);
        assertPictureDownloads(cover.get("url").asString());
        assertTamperedUrlIsRefused(cover.get("url").asString());

        // outline 1 call, each lesson 1 call, each picture 2 calls and 1 image: counted once despite the replays
        assertThat(course.get("usage").toString()).isEqualTo(
                "{\"llmCalls\":12,\"promptTokens\":800,\"completionTokens\":1080,\"images\":4}");
        assertThat(course.get("failures").isEmpty()).isTrue();
        assertThat(course.get("error").isNull()).isTrue();
        assertThat(Instant.parse(course.get("completedAt").asString())).isNotNull();
        assertThat(Instant.parse(course.get("createdAt").asString())).isEqualTo(requestedAt);
    }

    @Test
    void aFailedPartFailsTheCourseWithItsReasonAndLatePartsDoNotResurrectIt() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        List<Sent> course = fullCourse(courseId, tenant, 1, Instant.now());
        String reason = "content-service gave up after 4 attempts: read timed out";
        send(List.of(course.get(0), course.get(1),
                new Sent(Topics.COURSE_PART_FAILED, new CoursePartFailed(courseId, "lesson:lesson-01", reason, Instant.now())),
                new Sent(Topics.COURSE_PART_FAILED, new CoursePartFailed(courseId, "unknown:lesson.generated",
                        "unreadable record", Instant.now()))));

        awaitSnapshots(courseId, 4);
        assertThat(snapshots(courseId)).anySatisfy(snapshot -> {
            assertThat(snapshot.status()).isEqualTo(CourseStatus.FAILED);
            assertThat(snapshot.error()).contains("lesson:lesson-01 (" + reason + ")");
        });
        JsonNode failed = getCourse(tenant, courseId);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("failures").toString()).isEqualTo(
                "[{\"partId\":\"lesson:lesson-01\",\"reason\":\"" + reason + "\"},"
                        + "{\"partId\":\"unknown:lesson.generated\",\"reason\":\"unreadable record\"}]");
        assertThat(failed.get("error").asString()).isEqualTo("Failed parts: lesson:lesson-01 (" + reason
                + "); unknown:lesson.generated (unreadable record)");
        assertThat(failed.get("lessons").get(0).get("status").asString()).isEqualTo("FAILED");
        Document stored = mongo.findById(courseId, Document.class, "courses").block(WAIT);
        assertThat(stored.get("failures", Document.class).keySet())
                .containsExactlyInAnyOrder("lesson:lesson-01", "unknown:lesson%2Egenerated");
        assertThat(stored.toJson()).doesNotContain("_class");

        send(course.subList(2, course.size()));

        awaitSnapshots(courseId, 4 + course.size() - 2);
        JsonNode late = getCourse(tenant, courseId);
        assertThat(late.get("status").asString()).isEqualTo("FAILED");
        assertThat(late.get("completedAt").isNull()).isTrue();
        assertThat(late.get("lessons").get(0).get("status").asString()).isEqualTo("DONE");
        assertThat(late.get("progress").get("partsDone").asInt()).isEqualTo(4);
        assertThat(snapshots(courseId)).noneMatch(snapshot -> snapshot.status() == CourseStatus.COMPLETED);
    }

    @Test
    void listsATenantsCoursesNewestFirstInPagesAndByStatus() {
        String tenant = "tenant-" + UUID.randomUUID();
        Instant earlier = Instant.parse("2026-11-28T09:00:00Z");
        Instant later = earlier.plusSeconds(60);
        String first = "list-a-" + UUID.randomUUID();
        String second = "list-b-" + UUID.randomUUID();
        String third = "list-c-" + UUID.randomUUID();
        // second and third were accepted in the same instant: the id decides between them
        send(List.of(
                new Sent(INTAKE, requested(first, tenant, 2, earlier)),
                new Sent(INTAKE, requested(second, tenant, 2, later)),
                new Sent(INTAKE, requested(third, tenant, 2, later)),
                new Sent(INTAKE, requested("list-other-" + UUID.randomUUID(), "someone-else", 2, later)),
                new Sent(Topics.COURSE_PART_FAILED, new CoursePartFailed(second, "outline", "invalid answer", later))));
        awaitSnapshots(second, 2);
        awaitSnapshots(first, 1);
        awaitSnapshots(third, 1);
        assertThat(ids(list(tenant, "status=FAILED"))).containsExactly(second);

        JsonNode page1 = list(tenant, "limit=2");
        assertThat(ids(page1)).containsExactly(third, second);
        JsonNode item = page1.get("items").get(0);
        assertThat(item.get("topic").asString()).isEqualTo("Quantum computing");
        assertThat(item.get("title").isNull()).isTrue();
        assertThat(item.get("progress").toString()).isEqualTo("{\"partsDone\":0,\"partsTotal\":6,\"percent\":0}");
        assertThat(item.get("createdAt").asString()).isEqualTo(later.toString());
        JsonNode page2 = list(tenant, "limit=2&cursor=" + page1.get("nextCursor").asString());
        assertThat(ids(page2)).containsExactly(first);
        assertThat(page2.get("nextCursor").isNull()).isTrue();

        List<String> walked = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = list(tenant, "limit=1&cursor=" + cursor);
            walked.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(walked).containsExactly(third, second, first);

        assertThat(ids(list(tenant, "status=queued"))).containsExactly(third, first);
        assertThat(ids(list(tenant, "status=COMPLETED"))).isEmpty();
    }

    @Test
    void invalidListParametersAreProblemsNotErrors() {
        for (String query : List.of("limit=0", "limit=101", "limit=lots", "status=DONE", "cursor=%25%25",
                "cursor=bm90IGEgY3Vyc29y")) {
            web.get().uri("/api/v1/courses?" + query).header(TENANT_HEADER, "t").exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isNotEmpty();
        }
    }

    @Test
    void requestsOutsideTheApiAreProblemsToo() {
        web.post().uri("/api/v1/courses").header(TENANT_HEADER, "t").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/v1/nothing-here").header(TENANT_HEADER, "t").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anotherTenantsCourseIsNotFoundExactlyLikeAMissingOne() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        send(List.of(new Sent(INTAKE, requested(courseId, tenant, 1, Instant.now()))));
        awaitSnapshots(courseId, 1);
        assertThat(getCourse(tenant, courseId).get("courseId").asString()).isEqualTo(courseId);

        for (String id : List.of(courseId, "no-such-course")) {
            web.get().uri("/api/v1/courses/{id}", id).header(TENANT_HEADER, "intruder").exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(404)
                    .jsonPath("$.detail").isEqualTo("No course " + id);
        }
    }

    @Test
    void aRequestWithoutTheTenantHeaderIsABadRequestProblem() {
        for (String path : List.of("/api/v1/courses/anything", "/api/v1/courses")) {
            web.get().uri(path).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail).asString()
                            .contains(TENANT_HEADER));
            web.get().uri(path).header(TENANT_HEADER, "").exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void deletingARunningCourseCancelsItAnnouncesTheCancellationAndLatePartsDoNotRevive() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        List<Sent> course = fullCourse(courseId, tenant, 1, Instant.now());
        send(course.subList(0, 2));
        awaitSnapshots(courseId, 2);
        assertThat(getCourse(tenant, courseId).get("status").asString()).isEqualTo("GENERATING");

        web.delete().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isAccepted()
                .expectBody().json("{\"courseId\":\"" + courseId + "\",\"status\":\"CANCELLED\"}");

        assertThat(snapshots(courseId)).last().satisfies(snapshot -> {
            assertThat(snapshot.status()).isEqualTo(CourseStatus.CANCELLED);
            assertThat(snapshot.tenantId()).isEqualTo(tenant);
            assertThat(snapshot.partsTotal()).isEqualTo(4);
        });
        assertThat(records(Topics.COURSE_CANCELLED, courseId, CourseCancelled.class)).singleElement()
                .satisfies(cancelled -> {
                    assertThat(cancelled.tenantId()).isEqualTo(tenant);
                    assertThat(cancelled.cancelledAt()).isNotNull();
                });
        assertThat(getCourse(tenant, courseId).get("status").asString()).isEqualTo("CANCELLED");

        // parts that were already being generated still arrive: stored, but the course stays cancelled
        send(course.subList(2, course.size()));
        awaitSnapshots(courseId, 3 + course.size() - 2);
        JsonNode late = getCourse(tenant, courseId);
        assertThat(late.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(late.get("completedAt").isNull()).isTrue();
        assertThat(snapshots(courseId)).noneMatch(snapshot -> snapshot.status() == CourseStatus.COMPLETED);
    }

    @Test
    void deletingAFinalCourseRemovesItAndALaterReadIsNotFound() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        List<Sent> course = fullCourse(courseId, tenant, 1, Instant.now());
        send(course);
        awaitSnapshots(courseId, course.size());
        assertThat(getCourse(tenant, courseId).get("status").asString()).isEqualTo("COMPLETED");

        web.delete().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();

        web.get().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(records(Topics.COURSE_CANCELLED, courseId, CourseCancelled.class)).isEmpty();
        web.delete().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void anotherTenantCanNeitherCancelNorDeleteACourse() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        send(List.of(new Sent(INTAKE, requested(courseId, tenant, 1, Instant.now()))));
        awaitSnapshots(courseId, 1);

        for (String id : List.of(courseId, "no-such-course")) {
            web.delete().uri("/api/v1/courses/{id}", id).header(TENANT_HEADER, "intruder").exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isEqualTo("No course " + id);
        }
        // the gateway vouching for a course it accepted does not let one tenant cancel another's
        web.delete().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, "intruder")
                .header("X-Coursegen-Just-Accepted", "true").exchange()
                .expectStatus().isNotFound();
        assertThat(getCourse(tenant, courseId).get("status").asString()).isEqualTo("QUEUED");
        assertThat(records(Topics.COURSE_CANCELLED, courseId, CourseCancelled.class)).isEmpty();
    }

    @Test
    void regeneratingALessonKeepsTheShownVersionAndShowsTheNewOneWhenItLands() throws Exception {
        storePicture();
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        List<Sent> course = fullCourse(courseId, tenant, 2, Instant.now());
        send(course);
        awaitSnapshots(courseId, course.size());
        assertThat(getCourse(tenant, courseId).get("status").asString()).isEqualTo("COMPLETED");

        regenerate(tenant, courseId, "lesson-01", "{\"instructions\":\"More examples from logistics\"}")
                .expectStatus().isAccepted()
                .expectBody().json("{\"courseId\":\"" + courseId
                        + "\",\"lessonId\":\"lesson-01\",\"revision\":2,\"status\":\"GENERATING\"}");

        assertThat(snapshots(courseId)).last().satisfies(snapshot -> {
            assertThat(snapshot.status()).isEqualTo(CourseStatus.GENERATING);
            assertThat(snapshot.partsDone()).isEqualTo(4);
            assertThat(snapshot.partsTotal()).isEqualTo(6);
        });
        assertThat(records(Topics.LESSON_REQUESTED, courseId, LessonRequested.class)).singleElement()
                .satisfies(request -> {
                    assertThat(request.tenantId()).isEqualTo(tenant);
                    assertThat(request.courseTitle()).isEqualTo("Quantum computing, gently");
                    assertThat(request.spec().topic()).isEqualTo("Quantum computing");
                    assertThat(request.lesson().lessonId()).isEqualTo("lesson-01");
                    assertThat(request.previousLessonTitle()).isNull();
                    assertThat(request.nextLessonTitle()).isEqualTo("Planned 2");
                    assertThat(request.revision()).isEqualTo(2);
                    assertThat(request.instructions()).isEqualTo("More examples from logistics");
                });
        assertThat(records(Topics.IMAGE_REQUESTED, courseId, ImageRequested.class)).singleElement()
                .satisfies(request -> {
                    assertThat(request.imageId()).isEqualTo("lesson-01");
                    assertThat(request.lessonId()).isEqualTo("lesson-01");
                    assertThat(request.subjectTitle()).isEqualTo("Planned 1");
                    assertThat(request.audience()).isEqualTo("product managers");
                    assertThat(request.revision()).isEqualTo(2);
                    assertThat(request.instructions()).isEqualTo("More examples from logistics");
                });
        JsonNode regenerating = getCourse(tenant, courseId);
        assertThat(regenerating.get("status").asString()).isEqualTo("GENERATING");
        assertThat(regenerating.get("progress").get("partsDone").asInt()).isEqualTo(4);
        assertThat(regenerating.get("completedAt").isNull()).isTrue();
        JsonNode stillShown = regenerating.get("lessons").get(0);
        assertThat(stillShown.get("markdown").asString()).isEqualTo("# Lesson 1\n\nText.");
        assertThat(stillShown.get("versions")).hasSize(1);
        web.get().uri("/api/v1/courses/{id}/export?format=json", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);

        int applied = snapshots(courseId).size();
        send(List.of(new Sent(Topics.LESSON_GENERATED, regenerated(courseId, 2, "# Lesson 1, again")),
                new Sent(Topics.IMAGE_GENERATED, image(courseId, "lesson-01", 2))));
        awaitSnapshots(courseId, applied + 2);

        JsonNode done = getCourse(tenant, courseId);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(done.get("completedAt").isNull()).isFalse();
        JsonNode lesson = done.get("lessons").get(0);
        assertThat(lesson.get("markdown").asString()).isEqualTo("# Lesson 1, again");
        assertThat(lesson.get("revision").asInt()).isEqualTo(2);
        assertThat(lesson.get("image").get("caption").asString()).isEqualTo("caption for lesson-01, revision 2");
        assertThat(lesson.get("versions")).singleElement().satisfies(version -> {
            assertThat(version.get("revision").asInt()).isEqualTo(1);
            assertThat(version.get("markdown").asString()).isEqualTo("# Lesson 1\n\nText.");
            assertThat(version.get("keyTakeaways").get(0).asString()).isEqualTo("takeaway 1");
            assertThat(version.get("image").get("caption").asString()).isEqualTo("caption for lesson-01");
            assertPictureDownloads(version.get("image").get("url").asString());
        });
        assertThat(done.get("lessons").get(1).get("versions")).isEmpty();
        assertThat(done.get("usage").get("llmCalls").asLong()).isEqualTo(1 + 3 + 2 * 4);

        // the first generation's results delivered again: already kept, neither shown nor added twice
        applied = snapshots(courseId).size();
        send(List.of(course.get(2), course.get(course.size() - 2)));
        awaitSnapshots(courseId, applied + 2);
        JsonNode replayed = getCourse(tenant, courseId);
        assertThat(replayed.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(replayed.get("lessons").get(0).get("markdown").asString()).isEqualTo("# Lesson 1, again");
        assertThat(replayed.get("lessons").get(0).get("versions")).hasSize(1);
    }

    @Test
    void drawingOnlyALessonsPictureAgainRequestsOnlyThePictureAndKeepsTheText() throws Exception {
        storePicture();
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        List<Sent> course = fullCourse(courseId, tenant, 2, Instant.now());
        send(course);
        awaitSnapshots(courseId, course.size());

        web.post().uri("/api/v1/courses/{id}/lessons/{lessonId}/picture/regenerate", courseId, "lesson-01")
                .header(TENANT_HEADER, tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"instructions\":\"Show the cat inside the box\"}").exchange()
                .expectStatus().isAccepted()
                .expectBody().json("{\"courseId\":\"" + courseId
                        + "\",\"lessonId\":\"lesson-01\",\"revision\":2,\"status\":\"GENERATING\"}");

        assertThat(records(Topics.LESSON_REQUESTED, courseId, LessonRequested.class)).isEmpty();
        assertThat(records(Topics.IMAGE_REQUESTED, courseId, ImageRequested.class)).singleElement()
                .satisfies(request -> {
                    assertThat(request.imageId()).isEqualTo("lesson-01");
                    assertThat(request.revision()).isEqualTo(2);
                    assertThat(request.instructions()).isEqualTo("Show the cat inside the box");
                });
        JsonNode drawing = getCourse(tenant, courseId);
        assertThat(drawing.get("status").asString()).isEqualTo("GENERATING");
        assertThat(drawing.get("progress").get("partsDone").asInt()).isEqualTo(5);

        int applied = snapshots(courseId).size();
        send(List.of(new Sent(Topics.IMAGE_GENERATED, image(courseId, "lesson-01", 2))));
        awaitSnapshots(courseId, applied + 1);

        JsonNode done = getCourse(tenant, courseId);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        JsonNode lesson = done.get("lessons").get(0);
        assertThat(lesson.get("markdown").asString()).isEqualTo("# Lesson 1\n\nText.");
        assertThat(lesson.get("revision").asInt()).isEqualTo(1);
        assertThat(lesson.get("versions")).isEmpty();
        assertThat(lesson.get("image").get("caption").asString()).isEqualTo("caption for lesson-01, revision 2");
        web.post().uri("/api/v1/courses/{id}/lessons/{lessonId}/picture/regenerate", courseId, "lesson-09")
                .header(TENANT_HEADER, tenant).exchange().expectStatus().isNotFound();
    }

    @Test
    void aLessonAddedToACompletedCourseIsWrittenInItsPlaceAndARemovedOneLeavesNoGap() throws Exception {
        storePicture();
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        List<Sent> course = fullCourse(courseId, tenant, 2, Instant.now());
        send(course);
        awaitSnapshots(courseId, course.size());

        web.post().uri("/api/v1/courses/{id}/lessons", courseId).header(TENANT_HEADER, tenant)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Entanglement\",\"summary\":\"Two qubits, one state.\",\"position\":2}")
                .exchange().expectStatus().isAccepted()
                .expectBody().json("{\"courseId\":\"" + courseId + "\",\"lessonId\":\"lesson-03\",\"status\":\"GENERATING\"}");

        assertThat(records(Topics.LESSON_REQUESTED, courseId, LessonRequested.class)).singleElement()
                .satisfies(request -> {
                    assertThat(request.lesson().lessonId()).isEqualTo("lesson-03");
                    assertThat(request.lesson().position()).isEqualTo(2);
                    assertThat(request.lesson().title()).isEqualTo("Entanglement");
                    assertThat(request.previousLessonTitle()).isEqualTo("Planned 1");
                    assertThat(request.nextLessonTitle()).isEqualTo("Planned 2");
                    assertThat(request.revision()).isEqualTo(1);
                });
        assertThat(records(Topics.IMAGE_REQUESTED, courseId, ImageRequested.class)).extracting(ImageRequested::imageId)
                .containsExactly("lesson-03");
        // while the new lesson is written the course takes no other change
        web.post().uri("/api/v1/courses/{id}/lessons", courseId).header(TENANT_HEADER, tenant)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"title\":\"planned 1\",\"summary\":\"Again\"}")
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT);

        int applied = snapshots(courseId).size();
        send(List.of(new Sent(Topics.LESSON_GENERATED, new LessonGenerated(courseId, "lesson-03",
                        new Lesson("Entanglement", "# Entanglement", List.of("t1", "t2", "t3"), List.of()),
                        new Usage("openai", "gpt-test", 1, 100, 200, 0), Instant.now(), 1)),
                new Sent(Topics.IMAGE_GENERATED, image(courseId, "lesson-03", 1))));
        awaitSnapshots(courseId, applied + 2);
        JsonNode three = getCourse(tenant, courseId);
        assertThat(three.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(three.get("progress").get("partsTotal").asInt()).isEqualTo(8);
        assertThat(three.get("lessons").valueStream().map(lesson -> lesson.get("lessonId").asString() + "@"
                + lesson.get("position").asInt()).toList()).containsExactly("lesson-01@1", "lesson-03@2", "lesson-02@3");
        web.post().uri("/api/v1/courses/{id}/lessons", courseId).header(TENANT_HEADER, tenant)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\":\"Planned 1\",\"summary\":\"Again\",\"position\":9}").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.errors[*].field").isEqualTo(List.of("title", "position"));

        web.delete().uri("/api/v1/courses/{id}/lessons/{lessonId}", courseId, "lesson-01").header(TENANT_HEADER, tenant)
                .exchange().expectStatus().isNoContent();

        JsonNode two = getCourse(tenant, courseId);
        assertThat(two.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(two.get("progress").get("partsTotal").asInt()).isEqualTo(6);
        assertThat(two.get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(two.get("lessons").valueStream().map(lesson -> lesson.get("lessonId").asString() + "@"
                + lesson.get("position").asInt()).toList()).containsExactly("lesson-03@1", "lesson-02@2");
        web.delete().uri("/api/v1/courses/{id}/lessons/{lessonId}", courseId, "lesson-01").header(TENANT_HEADER, tenant)
                .exchange().expectStatus().isNotFound();
        web.delete().uri("/api/v1/courses/{id}/lessons/{lessonId}", courseId, "lesson-02").header(TENANT_HEADER, tenant)
                .exchange().expectStatus().isNoContent();
        web.delete().uri("/api/v1/courses/{id}/lessons/{lessonId}", courseId, "lesson-03").header(TENANT_HEADER, tenant)
                .exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(records(Topics.LESSON_REQUESTED, courseId, LessonRequested.class)).hasSize(1);
    }

    @Test
    void aResultOfAnOlderRevisionArrivingLateIsKeptAsAVersionButNotShown() throws Exception {
        storePicture();
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        List<Sent> course = fullCourse(courseId, tenant, 1, Instant.now());
        send(course);
        awaitSnapshots(courseId, course.size());
        regenerate(tenant, courseId, "lesson-01", null).expectStatus().isAccepted();
        int applied = snapshots(courseId).size();
        send(List.of(new Sent(Topics.LESSON_GENERATED, regenerated(courseId, 2, "# Second")),
                new Sent(Topics.IMAGE_GENERATED, image(courseId, "lesson-01", 2))));
        awaitSnapshots(courseId, applied + 2);
        regenerate(tenant, courseId, "lesson-01", "{}")
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.revision").isEqualTo(3);

        // a second answer to revision 2 (say, written again after a crash) arrives while revision 3 is awaited
        applied = snapshots(courseId).size();
        send(List.of(new Sent(Topics.LESSON_GENERATED, regenerated(courseId, 2, "# Second, written twice"))));
        awaitSnapshots(courseId, applied + 1);
        JsonNode waiting = getCourse(tenant, courseId);
        assertThat(waiting.get("status").asString()).isEqualTo("GENERATING");
        assertThat(waiting.get("lessons").get(0).get("markdown").asString()).isEqualTo("# Second");
        assertThat(waiting.get("lessons").get(0).get("versions").valueStream()
                .map(version -> version.get("markdown").asString()))
                .containsExactly("# Lesson 1\n\nText.", "# Second", "# Second, written twice");

        applied = snapshots(courseId).size();
        send(List.of(new Sent(Topics.LESSON_GENERATED, regenerated(courseId, 3, "# Third")),
                new Sent(Topics.IMAGE_GENERATED, image(courseId, "lesson-01", 3))));
        awaitSnapshots(courseId, applied + 2);
        JsonNode done = getCourse(tenant, courseId);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("lessons").get(0).get("markdown").asString()).isEqualTo("# Third");
        assertThat(done.get("lessons").get(0).get("revision").asInt()).isEqualTo(3);
        assertThat(done.get("lessons").get(0).get("versions").valueStream()
                .map(version -> version.get("revision").asInt())).containsExactly(1, 2, 2);
    }

    @Test
    void regenerationIsRefusedForARunningCourseAnUnknownLessonAndLongInstructions() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        List<Sent> course = fullCourse(courseId, tenant, 1, Instant.now());
        send(course.subList(0, 2));
        awaitSnapshots(courseId, 2);

        regenerate(tenant, courseId, "lesson-01", null)
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.courseStatus").isEqualTo("GENERATING");
        regenerate(tenant, courseId, "lesson-09", null)
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        regenerate("someone-else", courseId, "lesson-01", null)
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        regenerate(tenant, "course-" + UUID.randomUUID(), "lesson-01", null)
                .expectStatus().isNotFound();
        regenerate(tenant, courseId, "lesson-01", "{\"instructions\":\"" + "x".repeat(501) + "\"}")
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).value(problem -> assertThat(problem).contains("at most 500 characters"));
        assertThat(records(Topics.LESSON_REQUESTED, courseId, LessonRequested.class)).isEmpty();
        assertThat(getCourse(tenant, courseId).get("status").asString()).isEqualTo("GENERATING");
    }

    @Test
    void exportsACompletedCourseInEveryFormatAsItsOwnerDownloadsIt() throws Exception {
        storePicture();
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        List<Sent> events = fullCourse(courseId, tenant, 2, Instant.now());
        send(events);
        awaitSnapshots(courseId, events.size());
        JsonNode course = getCourse(tenant, courseId);
        assertThat(course.get("status").asString()).isEqualTo("COMPLETED");

        // json: the read API's document, each picture's expiring URL replaced by its object key
        JsonNode exported = json.readTree(export(tenant, courseId, "json", "application/json",
                "quantum-computing-gently.json"));
        assertThat(exported.get("cover").get("objectKey").asString()).isEqualTo(OBJECT_KEY);
        assertThat(withoutPictureField(exported, "objectKey"))
                .isEqualTo(withoutVersions(withoutPictureField(course, "url")));

        Map<String, byte[]> markdown = Zips.unzip(export(tenant, courseId, "markdown", "application/zip",
                "quantum-computing-gently-markdown.zip"));
        assertThat(markdown.keySet()).containsExactly("index.md", "01-planned-1.md", "02-planned-2.md",
                "images/cover.png", "images/lesson-01.png", "images/lesson-02.png");
        assertThat(markdown.get("images/lesson-02.png")).isEqualTo(PNG);
        assertThat(new String(markdown.get("02-planned-2.md"), StandardCharsets.UTF_8))
                .contains("![alt text for lesson-02](images/lesson-02.png)", "*caption for lesson-02*");

        org.jsoup.nodes.Document html = Jsoup.parse(new String(export(tenant, courseId, "html",
                "text/html;charset=UTF-8", "quantum-computing-gently.html"), StandardCharsets.UTF_8));
        assertThat(html.select("html").attr("lang")).isEqualTo("en");
        HtmlChecks.assertHeadingOrder(html);
        HtmlChecks.assertFiguresAccessible(html);
        assertThat(html.select("img")).hasSize(3)
                .allSatisfy(img -> assertThat(HtmlChecks.dataUri(img.attr("src"))).isEqualTo(PNG));

        ScormPackage scorm = ScormPackage.read(export(tenant, courseId, "scorm12", "application/zip",
                "quantum-computing-gently-scorm12.zip"));
        assertThat(scorm.scos()).extracting(ScormPackage.Sco::title).containsExactly("1. Planned 1", "2. Planned 2");
        assertThat(scorm.entries().get("images/lesson-01.png")).isEqualTo(PNG);
    }

    @Test
    void aCourseStillBeingGeneratedIsNotExportedAndAnotherTenantsIsNotFound() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        send(fullCourse(courseId, tenant, 2, Instant.now()).subList(0, 2));
        awaitSnapshots(courseId, 2);

        web.get().uri("/api/v1/courses/{id}/export?format=html", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo("Course is GENERATING; exports are available once it is COMPLETED")
                .jsonPath("$.courseStatus").isEqualTo("GENERATING");
        for (String id : List.of(courseId, "no-such-course")) {
            web.get().uri("/api/v1/courses/{id}/export?format=html", id).header(TENANT_HEADER, "intruder").exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isEqualTo("No course " + id);
        }
    }

    @Test
    void aMissingOrUnknownExportFormatIsABadRequestListingTheFormats() {
        for (String query : List.of("", "?format=", "?format=pdf")) {
            web.get().uri("/api/v1/courses/any-course/export" + query).header(TENANT_HEADER, "t").exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail").value(detail -> assertThat(detail).asString()
                            .endsWith("one of json, markdown, html, scorm12"))
                    .jsonPath("$.formats").isEqualTo(List.of("json", "markdown", "html", "scorm12"));
        }
        web.get().uri("/api/v1/courses/any-course/export?format=json").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theMediaBucketExistsAfterStartup() throws Exception {
        assertThat(internalS3().bucketExists(BucketExistsArgs.builder().bucket(s3.bucket()).build())).isTrue();
    }

    // --- meters -------------------------------------------------------------------------------------------

    @Test
    void metersACourseAndEachOfItsPartsOnceThoughEveryEventArrivesTwice() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        List<Sent> events = fullCourse(courseId, tenant, 2, Instant.now().minusSeconds(60));
        Map<String, Double> before = meterValues();

        send(events);
        awaitSnapshots(courseId, events.size());
        // every event again; the course itself exists once, whatever is delivered twice
        send(events.subList(1, events.size()));
        awaitSnapshots(courseId, 2 * events.size() - 1);

        // parts are metered just after their snapshot is sent
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Double> after = meterValues();
            assertThat(increase(before, after, "requested")).isEqualTo(1);
            assertThat(increase(before, after, "completed")).isEqualTo(1);
            assertThat(increase(before, after, "failed")).isZero();
            assertThat(increase(before, after, "duration:completed")).isEqualTo(1);
            assertThat(increase(before, after, "duration-seconds:completed")).as("from the request, a minute ago")
                    .isBetween(60.0, 90.0);
            assertThat(increase(before, after, "stage:outline")).isEqualTo(1);
            assertThat(increase(before, after, "stage:lesson")).isEqualTo(2);
            assertThat(increase(before, after, "stage:picture")).isEqualTo(3);
            assertThat(increase(before, after, "stage:assembly")).isEqualTo(1);
            assertThat(increase(before, after, "pictures")).isEqualTo(3);
            // outline 300 + 400 tokens, lessons 100 + 200 each, at 1000 and 2000 USD per million tokens
            assertThat(increase(before, after, "cost:gpt-test")).isCloseTo(1.1 + 2 * 0.5, within(1e-9));
            // per picture 50 + 20 tokens at 1000 per million and 0.25 per image
            assertThat(increase(before, after, "cost:gpt-image-test")).isCloseTo(3 * 0.32, within(1e-9));
        });

        String exposition = prometheus();
        assertThat(exposition)
                .contains("coursegen_courses_requested_total ")
                .contains("coursegen_course_duration_seconds_bucket{outcome=\"completed\",le=\"600.0\"}")
                .contains("coursegen_stage_duration_seconds_bucket{stage=\"assembly\",")
                .contains("coursegen_llm_cost_usd_total{model=\"gpt-test\"}")
                .contains("coursegen_pictures_generated_total ")
                .contains("coursegen_courses_in_flight ")
                .doesNotContain(courseId);
    }

    @Test
    void exportsTheKafkaConsumersOwnLagMetrics() {
        // Boot binds every consumer's client metrics at once; the per-partition lag (topic and partition labels)
        // follows on Micrometer's rescan a minute after the consumer started, which OpenAiCourseEndToEndTest waits for
        assertThat(prometheus()).containsPattern(
                "kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"consumer-storage-service-");
    }

    @Test
    void metersAFailedAndACancelledCourseOnceEach() {
        String tenant = "tenant-" + UUID.randomUUID();
        String failing = "course-" + UUID.randomUUID();
        String cancelled = "course-" + UUID.randomUUID();
        List<Sent> failingCourse = fullCourse(failing, tenant, 1, Instant.now());
        Sent failure = new Sent(Topics.COURSE_PART_FAILED,
                new CoursePartFailed(failing, "lesson:lesson-01", "gave up", Instant.now()));
        Map<String, Double> before = meterValues();

        // each topic has its own consumer, so the failure could overtake the request it belongs to: send it after
        send(List.of(failingCourse.get(0), failingCourse.get(1),
                new Sent(INTAKE, requested(cancelled, tenant, 1, Instant.now()))));
        awaitSnapshots(failing, 2);
        send(List.of(failure, failure));
        awaitSnapshots(failing, 4);
        awaitSnapshots(cancelled, 1);
        web.delete().uri("/api/v1/courses/{id}", cancelled).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isAccepted();
        web.delete().uri("/api/v1/courses/{id}", cancelled).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isNoContent();

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Double> after = meterValues();
            assertThat(increase(before, after, "requested")).isEqualTo(2);
            assertThat(increase(before, after, "failed")).isEqualTo(1);
            assertThat(increase(before, after, "cancelled")).isEqualTo(1);
            assertThat(increase(before, after, "completed")).isZero();
            assertThat(increase(before, after, "duration:failed")).isEqualTo(1);
            assertThat(increase(before, after, "duration:cancelled")).isEqualTo(1);
            assertThat(increase(before, after, "stage:assembly")).as("only a completed course is assembled").isZero();
        });
    }

    @Test
    void theInFlightGaugeCountsTheCoursesNotYetFinal() {
        String courseId = "course-" + UUID.randomUUID();
        send(List.of(new Sent(INTAKE, requested(courseId, "tenant-" + UUID.randomUUID(), 1,
                Instant.now()))));
        awaitSnapshots(courseId, 1);

        long running = mongo.count(new Query(Criteria.where("status").in("QUEUED", "OUTLINING", "GENERATING")),
                "courses").block(WAIT);
        assertThat(running).isPositive();
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(meters.get("coursegen.courses.in.flight").gauge().value()).isEqualTo(running));
    }

    /** The pipeline meters by a short name, so a test can compare before and after. */
    private Map<String, Double> meterValues() {
        Map<String, Double> values = new HashMap<>();
        values.put("requested", meters.get("coursegen.courses.requested").counter().count());
        for (String outcome : List.of("completed", "failed", "cancelled")) {
            values.put(outcome, meters.get("coursegen.courses." + outcome).counter().count());
            var timer = meters.get("coursegen.course.duration").tag("outcome", outcome).timer();
            values.put("duration:" + outcome, (double) timer.count());
            values.put("duration-seconds:" + outcome, timer.totalTime(TimeUnit.SECONDS));
        }
        for (String stage : List.of("outline", "lesson", "picture", "assembly")) {
            values.put("stage:" + stage,
                    (double) meters.get("coursegen.stage.duration").tag("stage", stage).timer().count());
        }
        values.put("pictures", meters.get("coursegen.pictures.generated").counter().count());
        for (String model : List.of("gpt-test", "gpt-image-test")) {
            var cost = meters.find("coursegen.llm.cost.usd").tag("model", model).counter();
            values.put("cost:" + model, cost == null ? 0 : cost.count());
        }
        return values;
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String meter) {
        return after.get(meter) - before.get(meter);
    }

    /** Larger than a WebTestClient buffers by default once the Kafka clients' per-partition metrics are bound. */
    private String prometheus() {
        return web.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    // --- events -------------------------------------------------------------------------------------------

    /** Not a topic: the gateway handing a new course to storage-service's intake, which is where a course begins. */
    static final String INTAKE = "intake";

    record Sent(String topic, Object event) {

        /** The outline: the event every part hangs off. */
        boolean isHeader() {
            return topic.equals(Topics.COURSE_OUTLINED);
        }
    }

    /** Every event of one course: request, outline, each lesson, the cover and each lesson's picture. */
    private static List<Sent> fullCourse(String courseId, String tenant, int lessons, Instant requestedAt) {
        List<Sent> events = new ArrayList<>();
        events.add(new Sent(INTAKE, requested(courseId, tenant, lessons, requestedAt)));
        List<Outline.OutlineLesson> planned = IntStream.rangeClosed(1, lessons)
                .mapToObj(i -> new Outline.OutlineLesson(lessonId(i), i, "Planned " + i, "Summary " + i,
                        List.of("objective " + i), List.of("concept " + i), 10 + i))
                .toList();
        Outline outline = new Outline("Quantum computing, gently", "A short course", "product managers",
                List.of(), List.of("explain superposition"), planned);
        events.add(new Sent(Topics.COURSE_OUTLINED, new CourseOutlined(courseId, tenant, outline,
                new Usage("openai", "gpt-test", 1, 300, 400, 0), Instant.now())));
        for (int i = 1; i <= lessons; i++) {
            Lesson lesson = new Lesson("Written " + i, "# Lesson " + i + "\n\nText.", List.of("takeaway " + i),
                    List.of(new Lesson.QuizQuestion("Question " + i + "?", List.of("a", "b", "c"), 1, "Because b.")));
            events.add(new Sent(Topics.LESSON_GENERATED, new LessonGenerated(courseId, lessonId(i), lesson,
                    new Usage("openai", "gpt-test", 1, 100, 200, 0), Instant.now())));
        }
        events.add(new Sent(Topics.IMAGE_GENERATED, image(courseId, ImageRequested.COVER, null)));
        for (int i = 1; i <= lessons; i++) {
            events.add(new Sent(Topics.IMAGE_GENERATED, image(courseId, lessonId(i), lessonId(i))));
        }
        return events;
    }

    private static CourseRequested requested(String courseId, String tenant, int lessons, Instant at) {
        return new CourseRequested(courseId, tenant, new CourseSpec("Quantum computing", "product managers",
                "beginner", "en", lessons, true, "flat illustration"), at);
    }

    private static ImageGenerated image(String courseId, String imageId, String lessonId) {
        return new ImageGenerated(courseId, imageId, lessonId, OBJECT_KEY, "image/png", 64, 48, PNG.length,
                sha256(PNG), "Schrödinger's cat", "caption for " + imageId, "alt text for " + imageId,
                "prompt for " + imageId, new Usage("openai", "gpt-image-test", 2, 50, 20, 1), Instant.now());
    }

    private static ImageGenerated image(String courseId, String lessonId, int revision) {
        return new ImageGenerated(courseId, lessonId, lessonId, OBJECT_KEY, "image/png", 64, 48, PNG.length,
                sha256(PNG), "A cat, again", "caption for " + lessonId + ", revision " + revision, "alt text again",
                "prompt again", new Usage("openai", "gpt-image-test", 2, 50, 20, 1), Instant.now(), revision);
    }

    /** A regenerated text of lesson-01. */
    private static LessonGenerated regenerated(String courseId, int revision, String markdown) {
        Lesson lesson = new Lesson("Written again", markdown, List.of("new takeaway"), List.of());
        return new LessonGenerated(courseId, "lesson-01", lesson, new Usage("openai", "gpt-test", 1, 100, 200, 0),
                Instant.now(), revision);
    }

    /** POST .../regenerate as the gateway forwards it; a null body sends none. */
    private WebTestClient.ResponseSpec regenerate(String tenant, String courseId, String lessonId, String body) {
        WebTestClient.RequestBodySpec request = web.post()
                .uri("/api/v1/courses/{id}/lessons/{lessonId}/regenerate", courseId, lessonId)
                .header(TENANT_HEADER, tenant);
        return body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static String lessonId(int position) {
        return "lesson-%02d".formatted(position);
    }

    /** New courses first, as the gateway hands them over before anything can happen to them; then the events. */
    private void send(List<Sent> events) {
        events.stream().filter(sent -> sent.topic().equals(INTAKE)).forEach(sent -> {
            CourseRequested course = (CourseRequested) sent.event();
            intake(course.tenantId(), Map.of("course", course)).expectStatus().isOk();
        });
        CompletableFuture.allOf(events.stream()
                .filter(sent -> !sent.topic().equals(INTAKE))
                .map(sent -> kafka.send(sent.topic(), courseIdOf(sent.event()), sent.event()))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** POST /internal/v1/courses as the gateway sends it. */
    private WebTestClient.ResponseSpec intake(String tenant, Map<String, Object> body) {
        return web.post().uri("/internal/v1/courses").header(TENANT_HEADER, tenant)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static String courseIdOf(Object event) {
        if (event instanceof CourseOutlined e) {
            return e.courseId();
        }
        if (event instanceof LessonGenerated e) {
            return e.courseId();
        }
        if (event instanceof ImageGenerated e) {
            return e.courseId();
        }
        return ((CoursePartFailed) event).courseId();
    }

    // --- what users see -----------------------------------------------------------------------------------

    private JsonNode getCourse(String tenant, String courseId) {
        String body = web.get().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return json.readTree(body);
    }

    /** An export as a client downloads it, after checking its status and headers. */
    private byte[] export(String tenant, String courseId, String format, String contentType, String fileName) {
        return web.mutate().responseTimeout(WAIT)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/api/v1/courses/{id}/export?format={format}", courseId, format)
                .header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(contentType)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
    }

    /** The course with one field taken out of every picture, to compare the read API's shape with the export's. */
    private static JsonNode withoutPictureField(JsonNode course, String field) {
        ObjectNode copy = (ObjectNode) course.deepCopy();
        ((ObjectNode) copy.get("cover")).remove(field);
        copy.get("lessons").forEach(lesson -> ((ObjectNode) lesson.get("image")).remove(field));
        return copy;
    }

    /** The course as the read API shows it, minus what only the read API has: lesson revisions and versions. */
    private static JsonNode withoutVersions(JsonNode course) {
        ObjectNode copy = (ObjectNode) course.deepCopy();
        copy.get("lessons").forEach(lesson -> ((ObjectNode) lesson).remove(List.of("revision", "editedAt", "versions")));
        return copy;
    }

    private JsonNode list(String tenant, String query) {
        String body = web.get().uri("/api/v1/courses?" + query).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return json.readTree(body);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").valueStream().map(item -> item.get("courseId").asString()).toList();
    }

    /** Every applied event publishes one snapshot, so this many snapshots means this many events were applied. */
    private void awaitSnapshots(String courseId, int atLeast) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(snapshots(courseId)).hasSizeGreaterThanOrEqualTo(atLeast));
    }

    /** All of course.status for one course, read from the start with a plain consumer (no group). */
    private List<CourseStatusChanged> snapshots(String courseId) {
        return records(Topics.COURSE_STATUS, courseId, CourseStatusChanged.class);
    }

    /** All records of one course on a topic, read from the start with a plain consumer (no group). */
    private <T> List<T> records(String topic, String courseId, Class<T> type) {
        List<T> found = new ArrayList<>();
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key() != null && Topics.courseIdOfKey(record.key()).equals(courseId)) {
                        found.add(json.readValue(record.value(), type));
                    }
                });
            }
        }
        return found;
    }

    // --- pictures -----------------------------------------------------------------------------------------

    private MinioClient internalS3() {
        return MinioClient.builder().endpoint(s3.endpoint()).region(s3.region())
                .credentials(s3.accessKey(), s3.secretKey()).build();
    }

    /** What image-service does before it announces a picture. */
    private void storePicture() throws Exception {
        internalS3().putObject(PutObjectArgs.builder().bucket(s3.bucket()).object(OBJECT_KEY)
                .stream(new ByteArrayInputStream(PNG), PNG.length, -1).contentType("image/png").build());
    }

    private void assertPictureDownloads(String url) throws Exception {
        assertThat(url).startsWith(s3.publicEndpoint() + "/" + s3.bucket() + "/" + OBJECT_KEY + "?");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(HttpStatus.OK.value());
        assertThat(response.body()).isEqualTo(PNG);
    }

    private void assertTamperedUrlIsRefused(String url) throws Exception {
        int signature = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char flipped = url.charAt(signature) == '0' ? '1' : '0';
        String tampered = url.substring(0, signature) + flipped + url.substring(signature + 1);
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(tampered)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(HttpStatus.FORBIDDEN.value());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
