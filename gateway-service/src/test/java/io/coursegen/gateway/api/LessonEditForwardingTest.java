package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

@WithEmbeddedKafka
class LessonEditForwardingTest extends GatewayTestSupport {

    @Test
    void anEditIsForwardedWithItsBodyAndIfMatchAndIsStorages200WithTheNewRevisionAsETag() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/courses/" + id + "/lessons/lesson-01";
        STORAGE.lesson("acme", id, "lesson-01", "# Written by the model");
        String body = "{\"markdown\":\"# Written by hand\",\"picture\":{\"altText\":\"A cat in a closed box\"}}";

        client.patch().uri(path).header(API_KEY, ACME_KEY).header(HttpHeaders.IF_MATCH, "\"1\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "\"2\"")
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.markdown").isEqualTo("# Written by hand")
                .jsonPath("$.image.altText").isEqualTo("A cat in a closed box")
                .jsonPath("$.image.caption").isEqualTo("A caption")
                .jsonPath("$.revision").isEqualTo(2);

        assertThat(STORAGE.received(path)).containsExactly(new FakeStorage.Received("PATCH", path, "acme"));
        assertThat(STORAGE.bodies(path)).singleElement().satisfies(received -> {
            assertThat(received.contentType()).startsWith(MediaType.APPLICATION_JSON_VALUE);
            assertThat(received.body()).isEqualTo(body);
        });
    }

    @Test
    void anEditOnAStaleRevisionIsStorages412AndWithoutIfMatchItAppliesToTheShownRevision() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/courses/" + id + "/lessons/lesson-02";
        STORAGE.lesson("globex", id, "lesson-02", "# Written by the model");
        edit(path, GLOBEX_KEY, "\"1\"", "{\"markdown\":\"# Mine\"}").expectStatus().isOk();

        JsonNode stale = problem(edit(path, GLOBEX_KEY, "\"1\"", "{\"markdown\":\"# Theirs\"}"), 412);

        assertThat(stale.path("type").asString()).isEqualTo("https://coursegen.io/problems/stale-lesson");
        assertThat(stale.path("currentRevision").asInt()).isEqualTo(2);
        edit(path, GLOBEX_KEY, null, "{\"markdown\":\"# Theirs\"}")
                .expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.ETAG, "\"3\"");
    }

    @Test
    void storagesProblemsPassThroughUnchanged() {
        String id = UUID.randomUUID().toString();
        String path = "/api/v1/courses/" + id + "/lessons/lesson-01";
        STORAGE.answer("PATCH", "acme", path, 422, "application/problem+json",
                "{\"type\":\"https://coursegen.io/problems/invalid-lesson\",\"title\":\"Invalid lesson\",\"status\":422,"
                        + "\"detail\":\"The edited lesson breaks 1 rule\",\"errors\":[{\"field\":\"keyTakeaways\","
                        + "\"message\":\"expected 3 to 5 key takeaways but got 1\"}]}");

        JsonNode invalid = problem(edit(path, ACME_KEY, null, "{\"keyTakeaways\":[\"only one\"]}"), 422);
        JsonNode notFound = problem(edit(path, GLOBEX_KEY, null, "{\"keyTakeaways\":[\"only one\"]}"), 404);

        assertThat(invalid.path("errors").get(0).path("field").asString()).isEqualTo("keyTakeaways");
        assertThat(notFound.path("detail").asString()).isEqualTo("No such course");
    }

    @Test
    void malformedIdsAreRefusedWithoutAskingStorage() {
        problem(client.patch().uri("/api/v1/courses/{id}/lessons/{lessonId}", "c1", "not a lesson!")
                .header(API_KEY, ACME_KEY).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"markdown\":\"x\"}")
                .exchange(), 400);
        assertThat(STORAGE.received("/api/v1/courses/c1/lessons/not%20a%20lesson!")).isEmpty();
    }

    private WebTestClient.ResponseSpec edit(String path, String key, String ifMatch, String body) {
        return client.patch().uri(path).header(API_KEY, key)
                .headers(headers -> {
                    if (ifMatch != null) {
                        headers.setIfMatch(ifMatch);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
