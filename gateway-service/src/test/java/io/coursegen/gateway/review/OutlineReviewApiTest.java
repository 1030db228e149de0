package io.coursegen.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.OutlineDraft;
import io.coursegen.contracts.OutlineDraft.DraftLesson;
import io.coursegen.contracts.OutlineDraft.DraftModule;
import io.coursegen.contracts.OutlineRules;
import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * An author reads, edits and approves the outline of a course that asked for review. storage-service (a stand-in
 * answering as storage-service does) holds the outline and its revision and decides every answer; the gateway must
 * pass its statuses, ETags and problems on, and {@code If-Match} in, unchanged.
 */
@WithEmbeddedKafka
class OutlineReviewApiTest extends GatewayTestSupport {

    private static final String PROBLEMS = "https://coursegen.io/problems/";
    private static final CourseSpec SPEC = new CourseSpec("Kafka for SREs", "SREs", "beginner", "en", 2, true,
            "flat", CourseSpec.OUTLINE_REVIEW);

    private final String courseId = UUID.randomUUID().toString();
    private final String storageOutline = FakeStorage.COURSES + "/" + courseId + "/outline";
    private final String storageApproval = FakeStorage.COURSES + "/" + courseId + "/approve";

    @BeforeEach
    void anAcmeCourseAwaitsReview() {
        STORAGE.awaitingReview("acme", courseId, SPEC, outline("Kafka for SREs"));
    }

    @Test
    void theOutlineIsStoragesAnswerWithItsRevisionAsTheETag() {
        client.get().uri("/api/v1/courses/{id}/outline", courseId).header(API_KEY, ACME_KEY)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"1\"")
                .expectBody()
                .jsonPath("$.courseId").isEqualTo(courseId)
                .jsonPath("$.status").isEqualTo("OUTLINE_READY")
                .jsonPath("$.revision").isEqualTo(1)
                .jsonPath("$.outline.title").isEqualTo("Kafka for SREs")
                .jsonPath("$.outline.modules[0].lessons[1].title").isEqualTo("Producers")
                .jsonPath("$.estimate.costUsd").isEqualTo(0.42);

        assertThat(STORAGE.received(storageOutline))
                .containsExactly(new FakeStorage.Received("GET", storageOutline, "acme"));
    }

    @Test
    void aCourseWhoseOutlineIsNotWrittenYetIsStorages409() {
        String outlining = UUID.randomUUID().toString();
        STORAGE.outlining("acme", outlining);

        JsonNode problem = problem(client.get().uri("/api/v1/courses/{id}/outline", outlining)
                .header(API_KEY, ACME_KEY).exchange(), 409);

        assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + "not-outlined-yet");
    }

    @Test
    void anEditUnderTheCurrentETagIsForwardedAsJsonAndAnsweredWithTheNextETag() {
        OutlineDraft edited = outline("Kafka for on-call engineers");

        edit("\"1\"", json.writeValueAsString(edited))
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"")
                .expectBody()
                .jsonPath("$.revision").isEqualTo(2)
                .jsonPath("$.outline.title").isEqualTo("Kafka for on-call engineers");

        assertThat(STORAGE.reviewed("acme", courseId).outline()).isEqualTo(edited);
        assertThat(STORAGE.bodies(storageOutline)).singleElement().satisfies(sent -> {
            assertThat(sent.contentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
            assertThat(json.readValue(sent.body(), OutlineDraft.class)).isEqualTo(edited);
        });
        client.get().uri("/api/v1/courses/{id}/outline", courseId).header(API_KEY, ACME_KEY)
                .exchange()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"");
    }

    @Test
    void anEditUnderAStaleETagIsStorages412AndChangesNothing() {
        edit("\"1\"", json.writeValueAsString(outline("First edit"))).expectStatus().isOk();

        JsonNode problem = problem(edit("\"1\"", json.writeValueAsString(outline("Edit of an old copy"))), 412);

        assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + "stale-outline");
        assertThat(STORAGE.reviewed("acme", courseId).outline().title()).isEqualTo("First edit");
    }

    @Test
    void anEditWithoutIfMatchIsStorages428() {
        JsonNode problem = problem(edit(null, json.writeValueAsString(outline("Blind edit"))), 428);

        assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + "if-match-required");
        assertThat(STORAGE.received(storageOutline)).hasSize(1);
        assertThat(STORAGE.reviewed("acme", courseId).revision()).isEqualTo(1);
    }

    @Test
    void anEditBreakingTheOutlineRulesIsStorages422ListingEachProblem() {
        OutlineDraft broken = new OutlineDraft(" ", "Running Kafka", "SREs", List.of(), List.of("Know Kafka"),
                List.of(new DraftModule("Basics", List.of(
                        new DraftLesson("Partitions", "How a topic is split", List.of("Explain partitions"),
                                List.of(), 0)))));
        List<String> brokenRules = OutlineRules.problemsOfEdit(SPEC, broken);

        JsonNode problem = problem(edit("\"1\"", json.writeValueAsString(broken)), 422);

        assertThat(brokenRules).hasSizeGreaterThan(3);
        assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + "invalid-outline");
        assertThat(problem.path("errors").valueStream().map(error -> error.path("message").asString()))
                .containsExactlyElementsOf(brokenRules);
        assertThat(problem.path("errors").valueStream().map(error -> error.path("field").asString()))
                .containsOnly("outline");
        assertThat(STORAGE.reviewed("acme", courseId).revision()).isEqualTo(1);
    }

    @Test
    void anOutlineThatIsNotJsonOrTooLargeIsRefusedWithoutAskingStorage() {
        JsonNode malformed = problem(edit("\"1\"", "{\"title\": "), 400);
        problem(edit("\"1\"", "{\"title\": \"" + "x".repeat(300 * 1024) + "\"}"), 413);
        problem(client.put().uri("/api/v1/courses/{id}/outline", courseId).header(API_KEY, ACME_KEY)
                .header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.TEXT_PLAIN).bodyValue("title: Kafka")
                .exchange(), 415);

        assertThat(malformed.path("detail").asString()).startsWith("Malformed JSON request body");
        assertThat(STORAGE.received(storageOutline)).isEmpty();
    }

    @Test
    void approvingIsStorages202SayingWhereToFollowTheCourse() {
        approve("\"1\"")
                .expectStatus().isAccepted()
                .expectHeader().location("/api/v1/courses/" + courseId)
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.courseId").isEqualTo(courseId)
                .jsonPath("$.status").isEqualTo("QUEUED")
                .jsonPath("$.revision").isEqualTo(1)
                .jsonPath("$.estimate.costUsd").isEqualTo(0.42);

        assertThat(STORAGE.reviewed("acme", courseId).status()).isEqualTo(CourseStatus.QUEUED);
        assertThat(STORAGE.received(storageApproval))
                .containsExactly(new FakeStorage.Received("POST", storageApproval, "acme"));
    }

    @Test
    void aCourseNoLongerAwaitingReviewIsStorages409ToEditsAndApprovals() {
        approve(null).expectStatus().isAccepted();

        EntityExchangeResult<byte[]> again = approve(null).expectBody().returnResult();
        JsonNode edit = problem(edit("\"1\"", json.writeValueAsString(outline("Too late"))), 409);

        assertThat(problem(again, 409).path("type").asString()).isEqualTo(PROBLEMS + "not-awaiting-review");
        assertThat(again.getResponseHeaders().getLocation()).isNull();
        assertThat(edit.path("type").asString()).isEqualTo(PROBLEMS + "not-awaiting-review");
    }

    @Test
    void anApprovalUnderAStaleETagIsStorages412AndApprovesNothing() {
        edit("\"1\"", json.writeValueAsString(outline("Edited meanwhile"))).expectStatus().isOk();

        JsonNode problem = problem(approve("\"1\""), 412);

        assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + "stale-outline");
        assertThat(STORAGE.reviewed("acme", courseId).status()).isEqualTo(CourseStatus.OUTLINE_READY);
    }

    @Test
    void anApprovalTheMonthsBudgetCannotCoverIsStorages429WithItsRetryAfter() {
        STORAGE.answerBytes("acme", storageApproval, 429, "application/problem+json", Map.of("Retry-After", "86400"),
                ("{\"type\":\"https://coursegen.io/problems/budget-exhausted\",\"title\":\"Budget exhausted\","
                        + "\"status\":429,\"detail\":\"The approved outline's estimate of $3.10 exceeds the $1.20 left"
                        + " this month\"}").getBytes(StandardCharsets.UTF_8));

        EntityExchangeResult<byte[]> result = approve("\"1\"").expectBody().returnResult();

        assertThat(problem(result, 429).path("type").asString()).isEqualTo(PROBLEMS + "budget-exhausted");
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("86400");
        assertThat(result.getResponseHeaders().getLocation()).isNull();
    }

    @Test
    void anotherTenantsCourseIsA404AndStaysAsItWas() {
        FakeStorage.Reviewed before = STORAGE.reviewed("acme", courseId);

        problem(client.get().uri("/api/v1/courses/{id}/outline", courseId).header(API_KEY, GLOBEX_KEY).exchange(), 404);
        problem(client.put().uri("/api/v1/courses/{id}/outline", courseId).header(API_KEY, GLOBEX_KEY)
                .header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsString(outline("Hijacked"))).exchange(), 404);
        problem(client.post().uri("/api/v1/courses/{id}/approve", courseId).header(API_KEY, GLOBEX_KEY).exchange(), 404);

        assertThat(STORAGE.reviewed("acme", courseId)).isEqualTo(before);
        assertThat(STORAGE.receivedUnder(FakeStorage.COURSES + "/" + courseId))
                .extracting(FakeStorage.Received::tenant).containsExactly("globex", "globex", "globex");
    }

    @Test
    void aMalformedCourseIdIsRefusedWithoutAskingStorage() {
        problem(client.get().uri("/api/v1/courses/{id}/outline", "not a valid id!").header(API_KEY, ACME_KEY)
                .exchange(), 400);
        problem(client.post().uri("/api/v1/courses/{id}/approve", "not a valid id!").header(API_KEY, ACME_KEY)
                .exchange(), 400);

        assertThat(STORAGE.receivedUnder(FakeStorage.COURSES + "/not")).isEmpty();
    }

    @Test
    void storageNotAnsweringIsA503ToRetry() {
        STORAGE.dropConnection("acme", storageOutline);

        problem(client.get().uri("/api/v1/courses/{id}/outline", courseId).header(API_KEY, ACME_KEY).exchange(), 503);
    }

    private WebTestClient.ResponseSpec edit(String ifMatch, String body) {
        return client.put().uri("/api/v1/courses/{id}/outline", courseId).header(API_KEY, ACME_KEY)
                .headers(headers -> {
                    if (ifMatch != null) {
                        headers.setIfMatch(ifMatch);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec approve(String ifMatch) {
        return client.post().uri("/api/v1/courses/{id}/approve", courseId).header(API_KEY, ACME_KEY)
                .headers(headers -> {
                    if (ifMatch != null) {
                        headers.setIfMatch(ifMatch);
                    }
                })
                .exchange();
    }

    /** An outline that meets every rule, under this title. */
    private static OutlineDraft outline(String title) {
        return new OutlineDraft(title, "Running Kafka in production", "site reliability engineers", List.of(),
                List.of("Explain how partitions spread load", "Configure a producer for durability",
                        "Diagnose consumer lag"),
                List.of(new DraftModule("Foundations", List.of(
                        new DraftLesson("Partitions", "How a topic is split", List.of("Explain partitions"),
                                List.of("partition", "leader"), 15),
                        new DraftLesson("Producers", "Writing durably", List.of("Configure acks"),
                                List.of("acks"), 20)))));
    }
}
