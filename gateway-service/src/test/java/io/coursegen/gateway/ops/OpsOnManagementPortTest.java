package io.coursegen.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With {@code management.server.port} set (as docker-compose.yml and deploy/k8s do), actuator and the ops view
 * are served there and the public port serves neither. Without it (every other test) both stay on the main port.
 */
@WithEmbeddedKafka
@TestPropertySource(properties = "management.server.port=0")
class OpsOnManagementPortTest extends GatewayTestSupport {

    @LocalManagementPort
    int managementPort;

    @Test
    void actuatorAndTheOpsViewAreOnTheManagementPortAndNotOnThePublicOne() {
        assertThat(managementPort).as("a port of its own").isPositive().isNotEqualTo(port);
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
        WebTestClient main = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        management.get().uri("/ops").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        management.get().uri("/ops/ops.js").exchange().expectStatus().isOk();
        management.get().uri("/ops/ops.css").exchange().expectStatus().isOk();
        String figures = management.get().uri("/ops/metrics").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(json.readTree(figures).path("services").path(0).path("name").asString()).isEqualTo("gateway-service");

        for (String path : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
                "/actuator/info", "/ops", "/ops/metrics", "/ops/ops.js"}) {
            int status = main.get().uri(path).exchange().returnResult(String.class).getStatus().value();
            assertThat(status).as("the public port's answer to %s", path).isIn(401, 404);
        }
        // the API itself is still there, asking for its key
        main.get().uri("/api/v1/courses").exchange().expectStatus().isUnauthorized();
    }
}
