package io.coursegen.gateway.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway instances on one storage-service: a tenant's progress streams are counted in its slots there, so the
 * limit (3 in the tests' configuration) holds across both instances, and a stream a client closes on one instance
 * makes room on the other.
 */
@WithEmbeddedKafka
class StreamsAcrossGatewaysTest extends GatewayTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final String courseId = UUID.randomUUID().toString();
    private final List<Disposable> clients = new ArrayList<>();

    @Test
    void aTenantsStreamsAreCountedAcrossInstancesAndOneClosedOnOneInstanceMakesRoomOnTheOther() {
        STORAGE.course("acme", courseId, generating());
        STORAGE.course("globex", courseId, generating());
        // streams of earlier tests have given their slots back
        await().atMost(PATIENCE).until(() -> STORAGE.slotsHeld("acme") == 0 && STORAGE.slotsHeld("globex") == 0);
        try (ConfigurableApplicationContext other = anotherInstance()) {
            WebTestClient second = clientOf(other);
            Disposable firstOnThis = open(client, ACME_KEY);
            open(client, ACME_KEY);
            open(second, ACME_KEY);

            for (WebTestClient through : List.of(client, second)) {
                JsonNode refused = problem(events(through, ACME_KEY).exchange()
                        .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "10"), 429);
                assertThat(refused.path("type").asString()).isEqualTo("https://coursegen.io/problems/too-many-streams");
            }
            open(second, GLOBEX_KEY);
            assertThat(STORAGE.slotsHeld("acme")).isEqualTo(3);

            firstOnThis.dispose();

            await().atMost(PATIENCE).until(() -> STORAGE.slotsHeld("acme") == 2);
            open(second, ACME_KEY);
            problem(events(client, ACME_KEY).exchange(), 429);

            clients.forEach(Disposable::dispose);
            await().atMost(PATIENCE).until(() -> STORAGE.slotsHeld("acme") == 0 && STORAGE.slotsHeld("globex") == 0);
        }
    }

    /** A client that holds a stream open, once the gateway has answered 200 (so its slot is taken). */
    private Disposable open(WebTestClient through, String apiKey) {
        Disposable reading = events(through, apiKey).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody()
                .subscribe();
        clients.add(reading);
        return reading;
    }

    private WebTestClient.RequestHeadersSpec<?> events(WebTestClient through, String apiKey) {
        return through.get().uri("/api/v1/courses/{id}/events", courseId)
                .header(API_KEY, apiKey)
                .accept(MediaType.TEXT_EVENT_STREAM);
    }

    private String generating() {
        return """
                {"courseId": "%s", "status": "GENERATING",
                 "progress": {"partsDone": 1, "partsTotal": 14, "percent": 7},
                 "error": null, "updatedAt": "2026-01-01T10:05:00Z"}""".formatted(courseId);
    }
}
