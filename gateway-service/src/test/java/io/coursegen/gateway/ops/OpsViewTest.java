package io.coursegen.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * The running gateway serves the page and its figures without an API key. Its fake storage-service has no
 * {@code /actuator/prometheus}, so it must show up as unavailable while the gateway's own metrics are read.
 */
@WithEmbeddedKafka
class OpsViewTest extends GatewayTestSupport {

    @Test
    void thePageAndItsAssetsAreServedWithoutAKey() {
        String page = client.get().uri("/ops").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(page).contains("<title>Coursegen ops</title>", "/ops/ops.js", "data-figure=\"courses.completed\"");
        assertThat(page).as("no resources from elsewhere: the local run has no internet").doesNotContain("http://", "https://");
        client.get().uri("/ops/ops.js").exchange().expectStatus().isOk();
    }

    @Test
    void theFiguresListEveryServiceAndShowOneThatDoesNotAnswerAsUnavailable() {
        byte[] body = client.get().uri("/ops/metrics").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        JsonNode view = json.readTree(new String(body, StandardCharsets.UTF_8));

        assertThat(view.path("collectedAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(view.path("services")).extracting(service -> service.path("name").asString())
                .containsExactly("gateway-service", "outline-service", "content-service", "image-service", "storage-service");
        JsonNode gateway = view.path("services").get(0);
        assertThat(gateway.path("up").asBoolean()).isTrue();
        JsonNode storage = view.path("services").get(4);
        assertThat(storage.path("up").asBoolean()).isFalse();
        assertThat(storage.path("problem").asString()).isEqualTo("HTTP 404");
        assertThat(view.path("courses").isNull()).as("only storage-service counts courses").isTrue();
        assertThat(view.path("llm").path("calls").asLong()).isZero();
    }
}
