package io.coursegen.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With {@code management.server.port} set (docker-compose.yml and deploy/k8s set it), port 8084 serves no actuator
 * at all, not even the paths the gateway-proof filter lets through without proof; the management port serves the
 * probes and the metrics Prometheus and the gateway's ops view read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "management.server.port=0"})
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class ManagementPortTest {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "management-test", "management-test-secret");
    }

    @Test
    void actuatorIsOnlyOnTheManagementPort() {
        assertThat(managementPort).as("a port of its own").isPositive().isNotEqualTo(port);
        WebTestClient management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build();
        WebTestClient main = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();

        for (String path : new String[] {"/actuator", "/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness", "/actuator/prometheus", "/actuator/info"}) {
            int status = main.get().uri(path).exchange().returnResult(String.class).getStatus().value();
            assertThat(status).as("port %d's answer to %s", port, path).isIn(401, 404);
        }
    }
}
