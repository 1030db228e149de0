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
                .containsExactly(new FakeStorage.Received("DELETE", "/api/v1/courses/" + id, "acme"));
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
}
