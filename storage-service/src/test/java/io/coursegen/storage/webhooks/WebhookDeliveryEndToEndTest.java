package io.coursegen.storage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.coursegen.contracts.CourseRejected;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.EventTypes;
import io.coursegen.contracts.Topics;
import io.coursegen.storage.AsAGateway;
import io.coursegen.storage.EmbeddedStores;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running service: a webhook registered through the API receives the course.status snapshots of its tenant
 * from Kafka, signed, and after answering 500 once gets the retry; other record types on the topic are skipped.
 */
@Import(AsAGateway.Client.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "coursegen.kafka.retry.initial-interval=100ms",
        "coursegen.kafka.retry.retries=1",
        "coursegen.webhooks.allow-private-addresses=true",
        "coursegen.webhooks.allowed-ports=",
        "coursegen.webhooks.secret-keys=e2e:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "coursegen.webhooks.poll-interval=100ms",
        "coursegen.webhooks.initial-backoff=200ms"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class WebhookDeliveryEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    WebTestClient web;
    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    JsonMapper json;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToAnswer = new AtomicInteger(1);
    private HttpServer receiver;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "webhook-test", "webhook-test-secret");
    }

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(Map.of(
                    "id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("webhook-signature"),
                    "body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(failuresToAnswer.getAndDecrement() > 0 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        listeners.getListenerContainers().stream()
                .filter(container -> container.getListenerId().equals("storage-webhooks"))
                .forEach(container -> ContainerTestUtils.waitForAssignment(container, 2));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void aRegisteredWebhookReceivesTheCompletedCourseSignedAndTheRetryAfterA500() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "course-" + UUID.randomUUID();
        JsonNode created = json.readTree(web.post().uri("/api/v1/webhooks").header("X-Coursegen-Tenant", tenant)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        "eventTypes", List.of("course.completed")))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        String secret = created.path("secret").asString();

        ProducerRecord<String, Object> rejection = new ProducerRecord<>(Topics.COURSE_STATUS, courseId,
                new CourseRejected(courseId, tenant, List.of("invalid"), Instant.now()));
        rejection.headers().add("ce_type", EventTypes.COURSE_REJECTED.type().getBytes(StandardCharsets.UTF_8));
        kafka.send(rejection).join();
        kafka.send(Topics.COURSE_STATUS, courseId, status(courseId, tenant, CourseStatus.GENERATING)).join();
        kafka.send(Topics.COURSE_STATUS, courseId, status(courseId, tenant, CourseStatus.COMPLETED)).join();

        await().atMost(WAIT).until(() -> received.size() >= 2);
        assertThat(received).hasSize(2);
        Map<String, String> retry = received.get(1);
        assertThat(retry.get("id")).isEqualTo(received.get(0).get("id"));
        assertThat(retry.get("signature")).isEqualTo(
                WebhookSignatures.sign(secret, retry.get("id"), Long.parseLong(retry.get("timestamp")), retry.get("body")));
        JsonNode body = json.readTree(retry.get("body"));
        assertThat(body.path("type").asString()).isEqualTo("course.completed");
        assertThat(body.path("data").path("courseId").asString()).isEqualTo(courseId);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode listed = json.readTree(web.get().uri("/api/v1/webhooks").header("X-Coursegen-Tenant", tenant)
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
            JsonNode last = listed.path("items").path(0).path("lastDelivery");
            assertThat(last.path("status").asString()).isEqualTo("DELIVERED");
            assertThat(last.path("attempts").asInt()).isEqualTo(2);
            assertThat(last.path("httpStatus").asInt()).isEqualTo(204);
        });
    }

    private static CourseStatusChanged status(String courseId, String tenant, CourseStatus status) {
        return new CourseStatusChanged(courseId, tenant, status, 4, 4, null, Instant.now());
    }
}
