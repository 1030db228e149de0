package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Submissions under an {@code Idempotency-Key}: the gateway asks storage-service (here a stand-in answering as
 * storage-service does) what the key stands for, and publishes only what it is told to.
 */
@WithEmbeddedKafka
class IdempotentSubmissionTest extends GatewayTestSupport {

    private static final String RESERVATIONS = "/internal/v1/idempotency-keys";
    private static final String BODY = """
            {"topic": "Idempotency for API designers", "lessonCount": 2}""";

    @Test
    void aNewKeyPublishesTheCourseStorageReservedAndSendsTheKeyAndTheRequestsDigest() {
        CourseRequested reserved = course("acme");
        reservationAnswer("acme", "RESERVED", reserved, "QUEUED");

        EntityExchangeResult<byte[]> result = submit(ACME_KEY, "key-new-1", BODY).expectStatus().isAccepted()
                .expectBody().returnResult();

        JsonNode accepted = json.readTree(result.getResponseBody());
        assertThat(accepted.path("courseId").asString()).isEqualTo(reserved.courseId());
        assertThat(accepted.path("status").asString()).isEqualTo("QUEUED");
        assertThat(result.getResponseHeaders().getLocation()).hasToString("/api/v1/courses/" + reserved.courseId());
        assertThat(result.getResponseHeaders().getFirst(CourseController.REPLAYED_HEADER)).isNull();
        assertThat(json.readValue(awaitRecord(Topics.COURSE_REQUESTED, reserved.courseId()).value(),
                CourseRequested.class)).isEqualTo(reserved);

        JsonNode sent = json.readTree(STORAGE.bodies(RESERVATIONS).get(STORAGE.bodies(RESERVATIONS).size() - 1).body());
        assertThat(sent.path("key").asString()).isEqualTo("key-new-1");
        assertThat(sent.path("requestHash").asString()).matches("[0-9a-f]{64}");
        assertThat(sent.path("course").path("tenantId").asString()).isEqualTo("acme");
        assertThat(sent.path("course").path("spec").path("topic").asString()).isEqualTo("Idempotency for API designers");
    }

    @Test
    void theSameRequestDigestsAlikeHoweverItIsWrittenAndADifferentOneDigestsDifferently() {
        reservationAnswer("globex", "RESERVED", course("globex"), "QUEUED");
        submit(GLOBEX_KEY, "key-digest", """
                {"topic": "Idempotency for API designers", "lessonCount": 2}""").expectStatus().isAccepted();
        submit(GLOBEX_KEY, "key-digest", """
                { "lessonCount" : 2, "topic" : "  Idempotency for API designers ", "language": "EN" }""")
                .expectStatus().isAccepted();
        submit(GLOBEX_KEY, "key-digest", """
                {"topic": "Idempotency for API designers", "lessonCount": 3}""").expectStatus().isAccepted();

        List<String> digests = STORAGE.bodies(RESERVATIONS).stream()
                .map(body -> json.readTree(body.body()))
                .filter(body -> body.path("key").asString().equals("key-digest"))
                .map(body -> body.path("requestHash").asString())
                .toList();
        assertThat(digests).hasSize(3);
        assertThat(digests.get(1)).isEqualTo(digests.get(0));
        assertThat(digests.get(2)).isNotEqualTo(digests.get(0));
    }

    @Test
    void aReplayAnswersTheFirstCourseWithItsStatusAndPublishesNothing() {
        CourseRequested first = course("acme");
        reservationAnswer("acme", "REPLAYED", first, "GENERATING");

        EntityExchangeResult<byte[]> result = submit(ACME_KEY, "key-replayed", BODY).expectStatus().isAccepted()
                .expectBody().returnResult();

        JsonNode accepted = json.readTree(result.getResponseBody());
        assertThat(accepted.path("courseId").asString()).isEqualTo(first.courseId());
        assertThat(accepted.path("status").asString()).isEqualTo("GENERATING");
        assertThat(result.getResponseHeaders().getFirst(CourseController.REPLAYED_HEADER)).isEqualTo("true");
        // the answer comes after any publication, so everything published for it is stored by now
        assertThat(recordsSoFar(Topics.COURSE_REQUESTED, first.courseId())).isEmpty();
    }

    @Test
    void aReplayOfACourseThatNeverReachedThePipelinePublishesTheFirstRequestAgain() {
        CourseRequested first = course("acme");
        reservationAnswer("acme", "REPUBLISH", first, "QUEUED");

        EntityExchangeResult<byte[]> result = submit(ACME_KEY, "key-republish", BODY).expectStatus().isAccepted()
                .expectBody().returnResult();

        assertThat(json.readTree(result.getResponseBody()).path("courseId").asString()).isEqualTo(first.courseId());
        assertThat(result.getResponseHeaders().getFirst(CourseController.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(json.readValue(awaitRecord(Topics.COURSE_REQUESTED, first.courseId()).value(), CourseRequested.class))
                .isEqualTo(first);
    }

    @Test
    void theSameKeyWithADifferentRequestIsA422NamingTheFirstCourse() {
        CourseRequested first = course("acme");
        reservationAnswer("acme", "MISMATCH", first, null);

        JsonNode problem = problem(submit(ACME_KEY, "key-mismatch", BODY), 422);

        assertThat(problem.path("detail").asString()).contains("Idempotency-Key", "different request");
        assertThat(problem.path("courseId").asString()).isEqualTo(first.courseId());
        assertThat(recordsSoFar(Topics.COURSE_REQUESTED, first.courseId())).isEmpty();
    }

    @Test
    void aKeyThatIsTooLongOrNotVisibleAsciiIsA400BeforeAnythingIsReserved() {
        int reservationsBefore = STORAGE.bodies(RESERVATIONS).size();

        problem(submit(ACME_KEY, "k".repeat(256), BODY), 400);
        JsonNode problem = problem(submit(ACME_KEY, "key with spaces", BODY), 400);

        assertThat(problem.path("detail").asString()).contains("Idempotency-Key");
        assertThat(STORAGE.bodies(RESERVATIONS)).hasSize(reservationsBefore);
    }

    @Test
    void whenStorageCannotReserveTheKeyTheSubmissionIsA503ToRetry() {
        STORAGE.answer("POST", "globex", RESERVATIONS, 500, "application/problem+json", "{\"status\":500}");

        JsonNode problem = problem(submit(GLOBEX_KEY, "key-storage-down", BODY), 503);

        assertThat(problem.path("detail").asString()).contains("retry");
    }

    private WebTestClient.ResponseSpec submit(String apiKey, String idempotencyKey, String body) {
        return client.post().uri("/api/v1/courses")
                .header(API_KEY, apiKey)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private void reservationAnswer(String tenant, String outcome, CourseRequested course, String status) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", outcome);
        answer.put("course", course);
        answer.put("status", status);
        STORAGE.answer("POST", tenant, RESERVATIONS, 200, MediaType.APPLICATION_JSON_VALUE, json.writeValueAsString(answer));
    }

    private static CourseRequested course(String tenant) {
        return new CourseRequested(UUID.randomUUID().toString(), tenant, new CourseSpec("Idempotency for API designers",
                "general learners", "beginner", "en", 2, true, "clean flat illustration"),
                Instant.parse("2026-11-29T10:00:00Z"));
    }
}
