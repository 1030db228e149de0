package io.coursegen.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

@WithEmbeddedKafka
class AuthenticationTest extends GatewayTestSupport {

    @Test
    void requestWithoutAKeyIsAnswered401WithAChallenge() {
        JsonNode problem = problem(client.post().uri("/api/v1/courses")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"topic\": \"Kafka\"}")
                .exchange()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "ApiKey"), 401);

        assertThat(problem.path("title").asString()).isEqualTo("Unauthorized");
        assertThat(problem.path("detail").asString()).contains("X-API-Key").contains("missing");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/courses");
    }

    @Test
    void blankKeyCountsAsMissing() throws IOException {
        RawAnswer answer = raw("GET /api/v1/courses HTTP/1.1", List.of(API_KEY + ":   "), null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(json.readTree(answer.body()).path("detail").asString()).contains("missing");
    }

    @Test
    void unknownKeyIsAnswered401SayingItIsNotRecognised() {
        JsonNode problem = problem(client.get().uri("/api/v1/courses/c-1")
                .header(API_KEY, "made-up-key")
                .exchange()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "ApiKey"), 401);

        assertThat(problem.path("detail").asString()).contains("not recognised").doesNotContain("made-up-key");
        assertThat(STORAGE.received("/api/v1/courses/c-1")).isEmpty();
    }

    @Test
    void keyOfAnotherTenantIsNotAcceptedInAnyOtherCase() {
        problem(client.get().uri("/api/v1/courses").header(API_KEY, ACME_KEY.toUpperCase()).exchange(), 401);
    }

    @Test
    void healthIsReachableWithoutAKey() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%61pi/v1/courses", "//api/v1/courses", "/api//v1/courses", "/api/v1/courses/",
            "/api/v1/%63ourses"})
    void noSpellingOfAnApiPathGetsThroughWithoutAKey(String path) {
        int forwardedBefore = STORAGE.received("/api/v1/courses").size();

        int status = client.get().uri(verbatim(path)).exchange()
                .expectBody().returnResult().getStatus().value();

        assertThat(status).isIn(401, 404);
        assertThat(STORAGE.received("/api/v1/courses")).hasSize(forwardedBefore);
    }
}
