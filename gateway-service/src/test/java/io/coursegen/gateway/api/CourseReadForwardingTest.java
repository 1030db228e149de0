package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

@WithEmbeddedKafka
class CourseReadForwardingTest extends GatewayTestSupport {

    @Test
    void courseIsReadForTheCallersTenantAndPassedOnUnchanged() {
        String id = UUID.randomUUID().toString();
        String stored = "{\"courseId\":\"" + id + "\",\"status\":\"GENERATING\",\"progress\":{\"partsDone\":3,"
                + "\"partsTotal\":14,\"percent\":21},\"title\":\"Caf\u00e9 \u4e2d\u6587\"}";
        STORAGE.course("acme", id, stored);

        byte[] body = client.get().uri("/api/v1/courses/{id}", id).header(API_KEY, ACME_KEY)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(stored);
        assertThat(STORAGE.received("/api/v1/courses/" + id))
                .containsExactly(new FakeStorage.Received("GET", "/api/v1/courses/" + id, "acme"));
    }

    @Test
    void anotherTenantsCourseIsStorages404Problem() {
        String id = UUID.randomUUID().toString();
        STORAGE.course("acme", id, "{\"courseId\":\"" + id + "\"}");

        JsonNode problem = problem(client.get().uri("/api/v1/courses/{id}", id).header(API_KEY, GLOBEX_KEY).exchange(), 404);

        assertThat(problem.path("detail").asString()).isEqualTo("No such course");
        assertThat(STORAGE.received("/api/v1/courses/" + id)).extracting(FakeStorage.Received::tenant).containsExactly("globex");
    }

    @Test
    void listPassesTheQueryStringThroughAsWritten() {
        String query = "status=COMPLETED&limit=5&cursor=" + UUID.randomUUID() + "%3D%3D";
        String page = "{\"items\":[],\"nextCursor\":null}";
        STORAGE.answer("globex", "/api/v1/courses?" + query, 200, "application/json", page);

        client.get().uri(verbatim("/api/v1/courses?" + query)).header(API_KEY, GLOBEX_KEY)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json(page);

        assertThat(STORAGE.received("/api/v1/courses?" + query)).extracting(FakeStorage.Received::tenant)
                .containsExactly("globex");
    }

    @Test
    void listWithoutAQueryIsForwardedWithoutOne() {
        STORAGE.answer("acme", "/api/v1/courses", 200, "application/json", "{\"items\":[],\"nextCursor\":null}");

        client.get().uri("/api/v1/courses").header(API_KEY, ACME_KEY)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items").isEmpty();

        assertThat(STORAGE.received("/api/v1/courses")).extracting(FakeStorage.Received::tenant).containsExactly("acme");
    }

    @Test
    void storagesOwn400PassesThrough() {
        String query = "limit=1000&cursor=" + UUID.randomUUID();
        STORAGE.answer("acme", "/api/v1/courses?" + query, 400, "application/problem+json",
                "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"limit must be at most 100\"}");

        JsonNode problem = problem(client.get().uri(verbatim("/api/v1/courses?" + query)).header(API_KEY, ACME_KEY).exchange(), 400);

        assertThat(problem.path("detail").asString()).isEqualTo("limit must be at most 100");
    }

    @Test
    void storageFailureIsARetryable503WithoutItsInternals() {
        String id = UUID.randomUUID().toString();
        STORAGE.answer("acme", "/api/v1/courses/" + id, 500, "text/plain",
                "java.lang.NullPointerException\n\tat io.coursegen.storage.Secret.method(Secret.java:1)");

        JsonNode problem = problem(client.get().uri("/api/v1/courses/{id}", id).header(API_KEY, ACME_KEY)
                .exchange()
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"), 503);

        assertThat(problem.path("detail").asString()).isEqualTo("Course storage unavailable, retry later");
    }

    @Test
    void storageThatHangsUpIsA503() {
        String id = UUID.randomUUID().toString();
        STORAGE.dropConnection("acme", "/api/v1/courses/" + id);

        problem(client.get().uri("/api/v1/courses/{id}", id).header(API_KEY, ACME_KEY).exchange(), 503);
    }
}
