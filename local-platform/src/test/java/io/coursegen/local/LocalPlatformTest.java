package io.coursegen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.local.infra.InfraSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local platform runs five services in one JVM on one classpath: each must still see only its own
 * infrastructure, and what the platform stores must outlive it.
 */
class LocalPlatformTest {

    private static final String KEY = "local-test-key-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, List<String>> READINESS = Map.of(
            "gateway-service", List.of("readinessState", "kafka"),
            "outline-service", List.of("readinessState", "kafka", "llm"),
            "content-service", List.of("readinessState", "kafka", "llm"),
            "image-service", List.of("readinessState", "kafka", "llm", "s3"),
            "storage-service", List.of("readinessState", "kafka", "mongo", "s3"));
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void eachServiceRunsOnItsOwnPortWithOnlyItsOwnInfrastructureAndCoursesSurviveARestart() throws Exception {
        String courseId;
        String recordSecret;
        try (LocalPlatform platform = LocalPlatform.start(onDisk())) {
            recordSecret = recordSecretOf(platform);
            assertThat(platform.services()).hasSize(5);
            for (String service : new String[] {"gateway-service", "outline-service", "content-service", "image-service", "storage-service"}) {
                HttpResponse<String> health = get("http://127.0.0.1:" + platform.port(service) + "/actuator/health", null);
                assertThat(health.statusCode()).as(service + " health: " + health.body()).isEqualTo(200);
                assertThat(JSON.readTree(health.body()).path("status").asString()).as(service).isEqualTo("UP");
                JsonNode readiness = JSON.readTree(get("http://127.0.0.1:" + platform.port(service)
                        + "/actuator/health/readiness", null).body());
                assertThat(readiness.path("status").asString()).as(service + " readiness").isEqualTo("UP");
                assertThat(readiness.path("components").propertyNames()).as(service + " is ready only with its dependencies")
                        .containsExactlyInAnyOrderElementsOf(READINESS.get(service));
            }
            for (ConfigurableApplicationContext context : platform.services()) {
                String name = context.getEnvironment().getProperty("spring.application.name");
                boolean ownsMongo = name.equals("storage-service");
                assertThat(context.getBeanNamesForType(ReactiveMongoTemplate.class)).as(name + " Mongo beans")
                        .hasSize(ownsMongo ? 1 : 0);
                boolean callsLlm = name.matches("(outline|content|image)-service");
                assertThat(context.getBeanNamesForType(io.coursegen.llm.LlmProvider.class)).as(name + " LLM beans")
                        .hasSize(callsLlm ? 1 : 0);
            }

            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/v1/courses"))
                    .header("X-API-Key", KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"Durable courses\",\"lessonCount\":1}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            courseId = JSON.readTree(accepted.body()).path("courseId").asString();
            await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(course(platform, courseId).path("status").asString()));
        }

        try (LocalPlatform restarted = LocalPlatform.start(onDisk())) {
            assertThat(recordSecretOf(restarted)).as("the records on disk were signed with it").isEqualTo(recordSecret);
            JsonNode course = course(restarted, courseId);
            assertThat(course.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(course.path("lessons").get(0).path("markdown").asString()).isNotBlank();
            HttpResponse<byte[]> cover = http.send(HttpRequest.newBuilder(URI.create(course.path("cover").path("url").asString())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(cover.statusCode()).isEqualTo(200);
            assertThat(cover.body()).hasSize(course.path("cover").path("byteSize").asInt());
        }
    }

    private static String recordSecretOf(LocalPlatform platform) {
        return platform.serviceArguments("content-service").stream()
                .filter(argument -> argument.startsWith("--" + PlatformSettings.KAFKA_RECORD_SECRET_PROPERTY + "="))
                .findFirst().orElseThrow();
    }

    private PlatformSettings onDisk() {
        return new PlatformSettings(new InfraSettings(dataDir, 0, 0, 0, 0, PlatformSettings.S3_ACCESS_KEY, "local-test-secret"),
                0, 0, 0, 0, 0, "acme=" + KEY, Map.of("coursegen.llm.provider", "offline", "coursegen.kafka.partitions", "2"));
    }

    private JsonNode course(LocalPlatform platform, String courseId) throws Exception {
        return JSON.readTree(get(platform.gatewayUrl() + "/api/v1/courses/" + courseId, KEY).body());
    }

    private HttpResponse<String> get(String url, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
