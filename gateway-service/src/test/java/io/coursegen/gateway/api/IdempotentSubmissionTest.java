package io.coursegen.gateway.api;

import static io.coursegen.gateway.FakeStorage.NEW_COURSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Submissions under an {@code Idempotency-Key}: the gateway hands the key and a hash of the request to storage-service
 * (here a stand-in answering as storage-service does) with the new course, and answers with what storage says the
 * key stands for.
 */
@WithEmbeddedKafka
class IdempotentSubmissionTest extends GatewayTestSupport {

    private static final String BODY = """
            {"topic": "Idempotency for API designers", "lessonCount": 2}""";

    @Autowired
    RecentRefusals recentRefusals;

    /**
     * Storage accepts again, and the gateway no longer remembers refusing globex: the next test (of this class or of
     * another sharing the application context) starts as if no refusal had happened.
     */
    @AfterEach
    void storageAcceptsCoursesAgain() {
        STORAGE.forgetAnswers("POST", NEW_COURSES);
        await().atMost(RecentRefusals.HOLD.multipliedBy(3)).until(() -> recentRefusals.of("globex").isEmpty());
    }

    @Test
    void aNewKeyCreatesTheCourseAtStorageUnderTheKeyAndTheRequestsHash() {
        String key = newKey();

        EntityExchangeResult<byte[]> result = submit(ACME_KEY, key, BODY).expectStatus().isAccepted()
                .expectBody().returnResult();

        JsonNode accepted = json.readTree(result.getResponseBody());
        String courseId = accepted.path("courseId").asString();
        assertThat(accepted.path("status").asString()).isEqualTo("QUEUED");
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/v1/courses/" + courseId);
        assertThat(result.getResponseHeaders().getFirst(CourseController.REPLAYED_HEADER)).isNull();
        assertThat(createdUnder(key)).hasSize(1);
        FakeStorage.Created created = createdUnder(key).get(0);
        assertThat(created.courseId()).isEqualTo(courseId);
        assertThat(created.tenant()).isEqualTo("acme");
        assertThat(created.requestHash()).matches("[0-9a-f]{64}");
        CourseRequested course = json.treeToValue(created.course(), CourseRequested.class);
        assertThat(course.tenantId()).isEqualTo("acme");
        assertThat(course.spec()).isEqualTo(new CourseSpec("Idempotency for API designers", "general learners",
                "beginner", "en", 2, true, "clean flat illustration"));
    }

    @Test
    void theSameRequestAgainUnderTheSameKeyAnswersTheFirstCourseAsAReplayAndCreatesNoOther() {
        String key = newKey();
        String first = submit(ACME_KEY, key, BODY).expectStatus().isAccepted()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("courseId").asString();

        EntityExchangeResult<byte[]> again = submit(ACME_KEY, key, """
                { "lessonCount" : 2, "topic" : "  Idempotency for API designers ", "language": "EN" }""")
                .expectStatus().isAccepted()
                .expectBody().returnResult();

        JsonNode replayed = json.readTree(again.getResponseBody());
        assertThat(replayed.path("courseId").asString()).isEqualTo(first);
        assertThat(replayed.path("status").asString()).isEqualTo("QUEUED");
        assertThat(again.getResponseHeaders().getFirst(CourseController.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(again.getResponseHeaders().getLocation()).hasToString("/api/v1/courses/" + first);
        assertThat(createdUnder(key)).extracting(FakeStorage.Created::courseId).containsExactly(first);
    }

    @Test
    void theRequestHashIgnoresHowTheRequestIsWrittenButNotWhatItAsksFor() {
        String key = newKey();
        submit(GLOBEX_KEY, key, """
                {"topic": "Idempotency for API designers", "lessonCount": 2}""").expectStatus().isAccepted();
        submit(GLOBEX_KEY, key, """
                { "lessonCount" : 2, "topic" : "  Idempotency for API designers ", "language": "EN" }""")
                .expectStatus().isAccepted();
        submit(GLOBEX_KEY, key, """
                {"topic": "Idempotency for API designers", "lessonCount": 3}""").expectStatus().isEqualTo(422);

        List<String> hashes = STORAGE.bodies(NEW_COURSES).stream()
                .map(body -> json.readTree(body.body()))
                .filter(body -> body.path("idempotencyKey").asString().equals(key))
                .map(body -> body.path("requestHash").asString())
                .toList();
        assertThat(hashes).hasSize(3);
        assertThat(hashes.get(1)).isEqualTo(hashes.get(0));
        assertThat(hashes.get(2)).isNotEqualTo(hashes.get(0));
    }

    @Test
    void aReplayAnswersTheFirstCoursesStoredStatus() {
        CourseRequested first = course("acme");
        Map<String, Object> replayed = new LinkedHashMap<>();
        replayed.put("outcome", "REPLAYED");
        replayed.put("course", first);
        replayed.put("status", "GENERATING");
        STORAGE.answer("POST", "acme", NEW_COURSES, 200, MediaType.APPLICATION_JSON_VALUE,
                json.writeValueAsString(replayed));

        EntityExchangeResult<byte[]> result = submit(ACME_KEY, newKey(), BODY).expectStatus().isAccepted()
                .expectBody().returnResult();

        JsonNode accepted = json.readTree(result.getResponseBody());
        assertThat(accepted.path("courseId").asString()).isEqualTo(first.courseId());
        assertThat(accepted.path("status").asString()).isEqualTo("GENERATING");
        assertThat(result.getResponseHeaders().getFirst(CourseController.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/v1/courses/" + first.courseId());
    }

    @Test
    void theSameKeyWithADifferentRequestIsA422NamingTheFirstCourseAndCreatesNothing() {
        String key = newKey();
        String first = submit(ACME_KEY, key, BODY).expectStatus().isAccepted()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("courseId").asString();

        JsonNode problem = problem(submit(ACME_KEY, key, """
                {"topic": "Something else entirely", "lessonCount": 2}"""), 422);

        assertThat(problem.path("detail").asString()).contains("Idempotency-Key", "different request", first);
        assertThat(problem.path("courseId").asString()).isEqualTo(first);
        assertThat(createdUnder(key)).extracting(FakeStorage.Created::courseId).containsExactly(first);
    }

    @Test
    void aKeyThatIsTooLongOrNotVisibleAsciiIsA400BeforeStorageIsAsked() {
        int offeredBefore = STORAGE.bodies(NEW_COURSES).size();

        problem(submit(ACME_KEY, "k".repeat(256), BODY), 400);
        JsonNode problem = problem(submit(ACME_KEY, "key with spaces", BODY), 400);

        assertThat(problem.path("detail").asString()).contains("Idempotency-Key");
        assertThat(STORAGE.bodies(NEW_COURSES)).hasSize(offeredBefore);
    }

    @Test
    void whenStorageFailsTheSubmissionIsA503AndRetryingUnderTheSameKeyStartsOneCourse() {
        String key = newKey();
        STORAGE.answer("POST", "globex", NEW_COURSES, 500, "application/problem+json", "{\"status\":500}");

        JsonNode problem = problem(submit(GLOBEX_KEY, key, BODY)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"), 503);
        assertThat(problem.path("detail").asString()).contains("retry");

        STORAGE.forgetAnswers("POST", NEW_COURSES);
        String retried = submit(GLOBEX_KEY, key, BODY).expectStatus().isAccepted()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("courseId").asString();
        String again = submit(GLOBEX_KEY, key, BODY).expectStatus().isAccepted()
                .expectHeader().valueEquals(CourseController.REPLAYED_HEADER, "true")
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("courseId").asString();
        assertThat(again).isEqualTo(retried);
        assertThat(createdUnder(key)).extracting(FakeStorage.Created::courseId).containsExactly(retried);
    }

    @Test
    void aSubmissionOverTheTenantsRateIsA429WithRetryAfterAndTheRateLimitedProblemType() {
        STORAGE.answer("POST", "globex", NEW_COURSES, 200, "application/json", """
                {"outcome": "REFUSED", "course": null, "status": null,
                 "refusal": {"reason": "RATE_LIMITED", "detail": "You may submit 60 courses a minute (60 at once); try again in 7 s",
                             "retryAfterSeconds": 7}}""");

        EntityExchangeResult<byte[]> result = submit(GLOBEX_KEY, newKey(), BODY).expectBody().returnResult();

        JsonNode problem = problem(result, 429);
        assertThat(problem.path("type").asString()).isEqualTo("https://coursegen.io/problems/rate-limited");
        assertThat(problem.path("detail").asString()).isEqualTo("You may submit 60 courses a minute (60 at once); try again in 7 s");
        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isEqualTo("7");
    }

    @Test
    void aTenantJustRefusedForItsLimitsIsRefusedAgainWithoutAskingStorageButAKeyedRepeatStillIs() {
        STORAGE.answer("POST", "globex", NEW_COURSES, 200, "application/json", """
                {"outcome": "REFUSED", "course": null, "status": null,
                 "refusal": {"reason": "RATE_LIMITED", "detail": "You may submit 60 courses a minute (60 at once); try again in 1 s",
                             "retryAfterSeconds": 1}}""");
        int before = STORAGE.received(NEW_COURSES).size();

        problem(client.post().uri("/api/v1/courses").header(API_KEY, GLOBEX_KEY).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(BODY).exchange().expectBody().returnResult(), 429);
        JsonNode again = problem(client.post().uri("/api/v1/courses").header(API_KEY, GLOBEX_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(BODY).exchange().expectBody().returnResult(), 429);

        assertThat(again.path("type").asString()).isEqualTo("https://coursegen.io/problems/rate-limited");
        assertThat(STORAGE.received(NEW_COURSES)).hasSize(before + 1);
        // under a key it may be a repeat of a submission already taken: storage is asked
        submit(GLOBEX_KEY, newKey(), BODY);
        assertThat(STORAGE.received(NEW_COURSES)).hasSize(before + 2);
        // a second later storage decides again
        STORAGE.forgetAnswers("POST", NEW_COURSES);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> client.post().uri("/api/v1/courses")
                .header(API_KEY, GLOBEX_KEY).contentType(MediaType.APPLICATION_JSON).bodyValue(BODY).exchange()
                .expectStatus().isAccepted());
    }

    @Test
    void aSubmissionWithTheTenantsQueueFullIsA429WithTheQueueFullProblemType() {
        STORAGE.answer("POST", "globex", NEW_COURSES, 200, "application/json", """
                {"outcome": "REFUSED", "course": null, "status": null,
                 "refusal": {"reason": "QUEUE_FULL", "detail": "You have 500 courses waiting to start", "retryAfterSeconds": 30}}""");

        EntityExchangeResult<byte[]> result = submit(GLOBEX_KEY, newKey(), BODY).expectBody().returnResult();

        JsonNode problem = problem(result, 429);
        assertThat(problem.path("type").asString()).isEqualTo("https://coursegen.io/problems/queue-full");
        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isEqualTo("30");
    }

    @Test
    void aSubmissionOverTheTenantsMonthlyBudgetIsA429WithTheBudgetExhaustedTypeAndRetryAfterUntilTheMonthRenews() {
        STORAGE.answer("POST", "globex", NEW_COURSES, 200, "application/json", """
                {"outcome": "REFUSED", "course": null, "status": null,
                 "refusal": {"reason": "BUDGET_EXHAUSTED", "retryAfterSeconds": 86400,
                             "detail": "Your budget of $100.00 for 2026-12 has $0.12 left (spent and reserved for running courses), less than this course's estimated $0.44; it renews on 2027-01-01 (UTC)"}}""");

        EntityExchangeResult<byte[]> result = submit(GLOBEX_KEY, newKey(), BODY).expectBody().returnResult();

        JsonNode problem = problem(result, 429);
        assertThat(problem.path("type").asString()).isEqualTo("https://coursegen.io/problems/budget-exhausted");
        assertThat(problem.path("title").asString()).isEqualTo("Budget exhausted");
        assertThat(problem.path("detail").asString()).contains("has $0.12 left").contains("estimated $0.44");
        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isEqualTo("86400");
    }

    @Test
    void theAcceptedAnswerCarriesTheCoursesEstimatedCostAndCompletion() {
        CourseRequested course = course("globex");
        STORAGE.answer("POST", "globex", NEW_COURSES, 200, "application/json", """
                {"outcome": "CREATED", "course": %s, "status": "QUEUED",
                 "estimate": {"costUsd": 0.4412, "completesAt": "2026-12-03T16:00:00Z"}}""".formatted(json.writeValueAsString(course)));

        JsonNode accepted = submit(GLOBEX_KEY, newKey(), BODY).expectStatus().isAccepted()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(accepted.path("courseId").asString()).isEqualTo(course.courseId());
        assertThat(accepted.path("estimate").path("costUsd").asDouble()).isEqualTo(0.4412);
        assertThat(accepted.path("estimate").path("completesAt").asString()).isEqualTo("2026-12-03T16:00:00Z");
    }

    @Test
    void theTenantsMonthOfSpendIsReadFromStorageForTheCallersTenantOnly() {
        STORAGE.answer("GET", "globex", "/api/v1/usage", 200, "application/json", """
                {"month": "2026-12", "budgetUsd": 100, "spentUsd": 1.25, "reservedUsd": 0.44, "remainingUsd": 98.31,
                 "courses": {"COMPLETED": 3, "GENERATING": 1}}""");

        JsonNode usage = client.get().uri("/api/v1/usage").header(API_KEY, GLOBEX_KEY).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(usage.path("remainingUsd").asDouble()).isEqualTo(98.31);
        assertThat(usage.path("courses").path("COMPLETED").asInt()).isEqualTo(3);
        assertThat(STORAGE.received("/api/v1/usage")).isNotEmpty().allSatisfy(request ->
                assertThat(request.tenant()).isEqualTo("globex"));
        client.get().uri("/api/v1/usage").exchange().expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec submit(String apiKey, String idempotencyKey, String body) {
        return client.post().uri("/api/v1/courses")
                .header(API_KEY, apiKey)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static List<FakeStorage.Created> createdUnder(String idempotencyKey) {
        return STORAGE.created().stream().filter(created -> idempotencyKey.equals(created.idempotencyKey())).toList();
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }

    private static CourseRequested course(String tenant) {
        return new CourseRequested(UUID.randomUUID().toString(), tenant, new CourseSpec("Idempotency for API designers",
                "general learners", "beginner", "en", 2, true, "clean flat illustration"),
                Instant.parse("2026-11-29T10:00:00Z"));
    }
}
