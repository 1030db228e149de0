package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

@WithEmbeddedKafka
class LessonRegenerateForwardingTest extends GatewayTestSupport {

    @Test
    void regeneratingALessonForwardsTheInstructionsAndIsStorages202WithTheRevision() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/courses/" + id + "/lessons/lesson-01/regenerate";
        String accepted = "{\"courseId\":\"" + id + "\",\"lessonId\":\"lesson-01\",\"revision\":2,\"status\":\"GENERATING\"}";
        STORAGE.answer("POST", "acme", path, 202, "application/json", accepted);
        String body = "{\"instructions\":\"More examples from logistics, fewer formulas\"}";

        client.post().uri(path).header(API_KEY, ACME_KEY)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json(accepted);

        assertThat(STORAGE.received(path)).containsExactly(new FakeStorage.Received("POST", path, "acme"));
        assertThat(STORAGE.bodies(path)).singleElement().satisfies(received -> {
            assertThat(received.contentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
            assertThat(received.body()).isEqualTo(body);
        });
    }

    @Test
    void drawingOnlyTheLessonsPictureAgainIsForwardedToStoragesPictureRegeneration() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/courses/" + id + "/lessons/lesson-01/picture/regenerate";
        String accepted = "{\"courseId\":\"" + id + "\",\"lessonId\":\"lesson-01\",\"revision\":2,\"status\":\"GENERATING\"}";
        STORAGE.answer("POST", "acme", path, 202, "application/json", accepted);
        String body = "{\"instructions\":\"Show the cat, not a dog\"}";

        client.post().uri(path).header(API_KEY, ACME_KEY).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().json(accepted);

        assertThat(STORAGE.bodies(path)).singleElement().extracting(FakeStorage.ReceivedBody::body).isEqualTo(body);
        assertThat(STORAGE.received("/api/v1/courses/" + id + "/lessons/lesson-01/regenerate")).isEmpty();
    }

    @Test
    void addingAndRemovingALessonAreForwardedToStorageAsSent() {
        String id = UUID.randomUUID().toString();
        String lessons = "/api/v1/courses/" + id + "/lessons";
        String added = "{\"courseId\":\"" + id + "\",\"lessonId\":\"lesson-04\",\"status\":\"GENERATING\"}";
        STORAGE.answer("POST", "acme", lessons, 202, "application/json", added);
        STORAGE.answer("DELETE", "acme", lessons + "/lesson-02", 204, "application/json", "");
        String body = "{\"title\":\"Entanglement\",\"summary\":\"Two qubits, one state.\",\"position\":2}";

        client.post().uri(lessons).header(API_KEY, ACME_KEY).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isAccepted().expectBody().json(added);
        client.delete().uri(lessons + "/lesson-02").header(API_KEY, ACME_KEY).exchange().expectStatus().isNoContent();

        assertThat(STORAGE.bodies(lessons)).singleElement().extracting(FakeStorage.ReceivedBody::body).isEqualTo(body);
        assertThat(STORAGE.received(lessons + "/lesson-02"))
                .containsExactly(new FakeStorage.Received("DELETE", lessons + "/lesson-02", "acme"));
    }

    @Test
    void aRegenerationWithoutABodyIsForwardedWithoutOne() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/courses/" + id + "/lessons/lesson-02/regenerate";
        STORAGE.answer("POST", "globex", path, 202, "application/json",
                "{\"courseId\":\"" + id + "\",\"lessonId\":\"lesson-02\",\"revision\":3,\"status\":\"GENERATING\"}");

        client.post().uri(path).header(API_KEY, GLOBEX_KEY)
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.revision").isEqualTo(3);

        assertThat(STORAGE.bodies(path)).singleElement().extracting(FakeStorage.ReceivedBody::body).isEqualTo("");
    }

    @Test
    void storagesProblemsPassThroughUnchanged() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/courses/" + id + "/lessons/lesson-01/regenerate";
        STORAGE.answer("POST", "acme", path, 409, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
                        + "\"detail\":\"Course is GENERATING; a lesson can be regenerated once the course is COMPLETED\","
                        + "\"courseStatus\":\"GENERATING\"}");

        JsonNode conflict = problem(client.post().uri(path).header(API_KEY, ACME_KEY).exchange(), 409);
        JsonNode notFound = problem(client.post().uri(path).header(API_KEY, GLOBEX_KEY).exchange(), 404);

        assertThat(conflict.path("courseStatus").asString()).isEqualTo("GENERATING");
        assertThat(notFound.path("detail").asString()).isEqualTo("No such course");
    }

    @Test
    void aRegenerationOverTheTenantsHourlyLimitIsStorages429WithItsRetryAfter() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/courses/" + id + "/lessons/lesson-01/regenerate";
        STORAGE.answerBytes("acme", path, 429, "application/problem+json", Map.of("Retry-After", "1200"),
                ("{\"type\":\"https://coursegen.io/problems/rate-limited\",\"title\":\"Too many regenerations\","
                        + "\"status\":429,\"detail\":\"You may regenerate 30 lessons an hour; try again in 1200 s\"}")
                        .getBytes(StandardCharsets.UTF_8));

        EntityExchangeResult<byte[]> result = client.post().uri(path).header(API_KEY, ACME_KEY).exchange()
                .expectBody().returnResult();

        JsonNode limited = problem(result, 429);
        assertThat(limited.path("type").asString()).isEqualTo("https://coursegen.io/problems/rate-limited");
        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1200");
    }

    @Test
    void malformedIdsAreRefusedWithoutAskingStorage() {
        problem(client.post().uri("/api/v1/courses/{id}/lessons/{lessonId}/regenerate", "c1", "not a lesson!")
                .header(API_KEY, ACME_KEY).exchange(), 400);
        assertThat(STORAGE.received("/api/v1/courses/c1/lessons/not%20a%20lesson!/regenerate")).isEmpty();
    }
}
