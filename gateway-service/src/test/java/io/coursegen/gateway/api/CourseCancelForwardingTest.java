package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

@WithEmbeddedKafka
class CourseCancelForwardingTest extends GatewayTestSupport {

    @Test
    void cancellingARunningCourseIsStorages202WithTheCancelledStatus() {
        String id = UUID.randomUUID().toString();
        String cancelled = "{\"courseId\":\"" + id + "\",\"status\":\"CANCELLED\"}";
        STORAGE.answer("DELETE", "acme", "/api/v1/courses/" + id, 202, "application/json", cancelled);

        client.delete().uri("/api/v1/courses/{id}", id).header(API_KEY, ACME_KEY)
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json(cancelled);

        assertThat(STORAGE.received("/api/v1/courses/" + id))
                .containsExactly(new FakeStorage.Received("DELETE", "/api/v1/courses/" + id, "acme", false));
    }

    @Test
    void deletingAFinalCourseIsStorages204WithoutABody() {
        String id = UUID.randomUUID().toString();
        STORAGE.answer("DELETE", "globex", "/api/v1/courses/" + id, 204, "application/json", "");

        client.delete().uri("/api/v1/courses/{id}", id).header(API_KEY, GLOBEX_KEY)
                .exchange()
                .expectStatus().isNoContent()
                .expectBody().isEmpty();
    }

    @Test
    void anotherTenantsCourseIsA404ProblemAndNothingIsCancelled() {
        String id = UUID.randomUUID().toString();
        STORAGE.answer("DELETE", "acme", "/api/v1/courses/" + id, 202, "application/json",
                "{\"courseId\":\"" + id + "\",\"status\":\"CANCELLED\"}");

        JsonNode problem = problem(client.delete().uri("/api/v1/courses/{id}", id).header(API_KEY, GLOBEX_KEY)
                .exchange(), 404);

        assertThat(problem.path("detail").asString()).isEqualTo("No such course");
        assertThat(STORAGE.received("/api/v1/courses/" + id)).extracting(FakeStorage.Received::tenant)
                .containsExactly("globex");
    }

    @Test
    void aMalformedIdIsRefusedWithoutAskingStorage() {
        problem(client.delete().uri("/api/v1/courses/{id}", "not a valid id!").header(API_KEY, ACME_KEY)
                .exchange(), 400);
    }

    @Test
    void aCourseAcceptedMomentsAgoIsCancelledWithTheGatewayVouchingForItsOwner() {
        String courseId = submit(ACME_KEY);
        String path = "/api/v1/courses/" + courseId;
        STORAGE.answer("DELETE", "acme", path, 202, "application/json",
                "{\"courseId\":\"" + courseId + "\",\"status\":\"CANCELLED\"}");

        client.delete().uri(path).header(API_KEY, ACME_KEY)
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("CANCELLED");

        assertThat(STORAGE.received(path)).containsExactly(new FakeStorage.Received("DELETE", path, "acme", true));
        // another tenant gets no such vouching, and storage's 404
        problem(client.delete().uri(path).header(API_KEY, GLOBEX_KEY).exchange(), 404);
        assertThat(STORAGE.received(path)).filteredOn(r -> r.tenant().equals("globex"))
                .singleElement().extracting(FakeStorage.Received::justAccepted).isEqualTo(false);
    }

    @Test
    void aDeletedCourseAcceptedMomentsAgoIsNotFoundAfterwardsRatherThanQueued() {
        String courseId = submit(ACME_KEY);
        String path = "/api/v1/courses/" + courseId;
        STORAGE.answer("DELETE", "acme", path, 204, "application/json", "");

        client.delete().uri(path).header(API_KEY, ACME_KEY).exchange().expectStatus().isNoContent();

        problem(client.get().uri(path).header(API_KEY, ACME_KEY).exchange(), 404);
    }

    private String submit(String key) {
        return client.post().uri("/api/v1/courses").header(API_KEY, key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"topic\":\"Cancelled before storage knows\",\"lessonCount\":2}")
                .exchange()
                .expectStatus().isAccepted()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("courseId").asString();
    }
}
