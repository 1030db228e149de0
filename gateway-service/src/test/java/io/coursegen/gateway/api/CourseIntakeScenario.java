package io.coursegen.gateway.api;

import static io.coursegen.gateway.FakeStorage.NEW_COURSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * What a client sees of a course request, and what storage-service (a stand-in answering as storage-service does)
 * is handed: storage decides that a course exists, so a 202 is only ever an answer to storage's confirmation. Run
 * against an embedded and a real broker, to show that nothing reaches Kafka on the way in.
 */
abstract class CourseIntakeScenario extends GatewayTestSupport {

    @AfterEach
    void storageAcceptsCoursesAgain() {
        STORAGE.forgetAnswers("POST", NEW_COURSES);
    }

    @Test
    void anAcceptedCourseIsTheOneStorageCreatedForTheCallersTenantWithEveryDefault() {
        Instant before = Instant.now();

        JsonNode accepted = accept(ACME_KEY, """
                {"topic": "  Quantum computing for product managers  "}""");

        String courseId = accepted.path("courseId").asString();
        assertThat(accepted.path("status").asString()).isEqualTo("QUEUED");
        FakeStorage.Created created = createdCourse(courseId);
        assertThat(created.tenant()).isEqualTo("acme");
        assertThat(created.idempotencyKey()).isNull();
        assertThat(created.requestHash()).isNull();
        CourseRequested course = json.treeToValue(created.course(), CourseRequested.class);
        assertThat(course.tenantId()).isEqualTo("acme");
        assertThat(course.spec()).isEqualTo(new CourseSpec("Quantum computing for product managers",
                "general learners", "beginner", "en", 6, true, "clean flat illustration"));
        assertThat(course.requestedAt()).isBetween(before.minus(Duration.ofSeconds(1)), Instant.now());
    }

    @Test
    void storageIsHandedTheRequestsTraceSoTheCoursesLaterWorkContinuesIt() {
        String courseId = accept(ACME_KEY, """
                {"topic": "Tracing a course from its request"}""").path("courseId").asString();

        assertThat(createdCourse(courseId).traceParent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void givenValuesAreStoredNormalisedAndUnknownFieldsAreIgnored() {
        JsonNode accepted = accept(GLOBEX_KEY, """
                {"topic": "Kafka for SREs", "audience": "site reliability engineers", "level": "ADVANCED",
                 "language": "zh-tw", "lessonCount": 3, "includeQuiz": false, "imageStyle": "ink sketch",
                 "priority": "urgent", "extra": {"nested": [1, 2]}}""");

        FakeStorage.Created created = createdCourse(accepted.path("courseId").asString());
        CourseRequested course = json.treeToValue(created.course(), CourseRequested.class);
        assertThat(created.tenant()).isEqualTo("globex");
        assertThat(course.tenantId()).isEqualTo("globex");
        assertThat(course.spec()).isEqualTo(new CourseSpec("Kafka for SREs", "site reliability engineers",
                "advanced", "zh-TW", 3, false, "ink sketch"));
        assertThat(created.course().has("priority")).isFalse();
        assertThat(created.course().has("extra")).isFalse();
    }

    @Test
    void aCourseAskingForOutlineReviewInAnyCaseReachesStorageWithItInItsSpec() {
        JsonNode accepted = accept(ACME_KEY, """
                {"topic": "Reviewed before it is written", "review": "OUTLINE"}""");

        CourseRequested course = json.treeToValue(createdCourse(accepted.path("courseId").asString()).course(),
                CourseRequested.class);
        assertThat(course.spec().review()).isEqualTo(CourseSpec.OUTLINE_REVIEW);
    }

    @Test
    void theGatewayPublishesNothingForAnAcceptedCourse() {
        String courseId = accept(ACME_KEY, """
                {"topic": "Announced by storage, not by the gateway"}""").path("courseId").asString();

        assertThat(recordsMentioning(courseId)).isEmpty();
        assertThat(topicNames()).doesNotContain("course.requested");
    }

    @Test
    void the202WaitsUntilStorageHasConfirmedTheCourse() {
        String topic = "Confirmed before answered " + UUID.randomUUID();
        CompletableFuture<EntityExchangeResult<byte[]>> answer;
        try (FakeStorage.Hold storageTakesItsTime = STORAGE.hold("POST", "acme", NEW_COURSES)) {
            answer = CompletableFuture.supplyAsync(() -> submit(ACME_KEY, "{\"topic\": \"" + topic + "\"}")
                    .expectBody().returnResult());
            await().atMost(Duration.ofSeconds(10)).until(() -> offeredToStorage(topic));

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !answer.isDone());
            assertThat(STORAGE.created()).noneMatch(created -> created.topic().equals(topic));
        }

        EntityExchangeResult<byte[]> accepted = answer.join();
        assertThat(accepted.getStatus().value()).isEqualTo(202);
        String courseId = json.readTree(accepted.getResponseBody()).path("courseId").asString();
        assertThat(createdCourse(courseId).topic()).isEqualTo(topic);
    }

    @Test
    void whileStorageFailsNoCourseIsAcceptedAndTheClientIsToldToRetry() {
        String topic = "Submitted while storage fails " + UUID.randomUUID();
        STORAGE.answer("POST", "globex", NEW_COURSES, 503, "application/problem+json", "{\"status\":503}");

        EntityExchangeResult<byte[]> refused = submit(GLOBEX_KEY, "{\"topic\": \"" + topic + "\"}")
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody().returnResult();

        JsonNode problem = problem(refused, 503);
        assertThat(problem.path("detail").asString()).isEqualTo("Course intake unavailable, retry later");
        assertThat(problem.has("courseId")).isFalse();
        assertThat(refused.getResponseHeaders().getLocation()).isNull();
        String offeredId = json.readTree(lastOffered(topic)).path("course").path("courseId").asString();
        assertThat(recordsMentioning(offeredId)).as("published about the course storage refused").isEmpty();

        STORAGE.forgetAnswers("POST", NEW_COURSES);
        String courseId = accept(GLOBEX_KEY, "{\"topic\": \"" + topic + "\"}").path("courseId").asString();
        assertThat(createdCourse(courseId).topic()).isEqualTo(topic);
    }

    @Test
    void storageHangingUpIsA503ToRetry() {
        STORAGE.dropConnection("acme", NEW_COURSES);

        problem(submit(ACME_KEY, "{\"topic\": \"Submitted while storage hangs up\"}")
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"), 503);
    }

    @Test
    void storageSilentForLongerThanItsTimeoutIsA503RatherThanA202() {
        String topic = "Submitted while storage is silent " + UUID.randomUUID();
        try (FakeStorage.Hold silentStorage = STORAGE.hold("POST", "acme", NEW_COURSES)) {
            // coursegen.gateway.storage-timeout is 3 s here
            JsonNode problem = problem(client.mutate().responseTimeout(Duration.ofSeconds(15)).build()
                    .post().uri("/api/v1/courses")
                    .header(API_KEY, ACME_KEY)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"topic\": \"" + topic + "\"}")
                    .exchange()
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"), 503);

            assertThat(problem.path("detail").asString()).isEqualTo("Course intake unavailable, retry later");
        }
    }

    /** Submits, asserts a 202 with a new course's id and Location, and returns the answer's body. */
    private JsonNode accept(String apiKey, String body) {
        EntityExchangeResult<byte[]> result = submit(apiKey, body)
                .expectStatus().isAccepted()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult();
        JsonNode accepted = json.readTree(result.getResponseBody());
        String courseId = accepted.path("courseId").asString();
        assertThat(courseId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo("/api/v1/courses/" + courseId);
        assertThat(result.getResponseHeaders().getFirst(CourseController.REPLAYED_HEADER)).isNull();
        return accepted;
    }

    private WebTestClient.ResponseSpec submit(String apiKey, String body) {
        return client.post().uri("/api/v1/courses")
                .header(API_KEY, apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** The one course storage created under this id. */
    private static FakeStorage.Created createdCourse(String courseId) {
        return STORAGE.created().stream().filter(created -> created.courseId().equals(courseId))
                .reduce((first, second) -> {
                    throw new AssertionError("storage created course " + courseId + " twice");
                })
                .orElseThrow(() -> new AssertionError("storage created no course " + courseId));
    }

    private boolean offeredToStorage(String topic) {
        return STORAGE.bodies(NEW_COURSES).stream().anyMatch(sent -> sent.body().contains(topic));
    }

    /** The last request body the gateway sent storage for a course about this topic. */
    private static String lastOffered(String topic) {
        return STORAGE.bodies(NEW_COURSES).stream().map(FakeStorage.ReceivedBody::body)
                .filter(body -> body.contains(topic))
                .reduce((earlier, later) -> later).orElseThrow();
    }
}
