package io.coursegen.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.coursegen.local.infra.KafkaSecurity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.coursegen.contracts.CourseSubmission;
import io.coursegen.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole platform with Kafka security on: every service runs as its own principal with only the ACLs of
 * {@link KafkaAccess}, and a course still goes all the way through.
 */
@Timeout(180)
class SecuredLocalPlatformTest {

    private static final String KEY = "secured-test-key-0123456789abcdef";
    private static final String GLOBEX_KEY = "secured-globex-key-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(PlatformSettings.ephemeral("acme=" + KEY + ",globex=" + GLOBEX_KEY,
                        Map.of("coursegen.llm.provider", "offline", "coursegen.kafka.partitions", "2"))
                .withKafkaSecurity(KafkaSecurity.randomPasswords(0)));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyServiceIsReadyAndACourseSubmittedByRestCompletes() throws Exception {
        for (String service : new String[] {"gateway-service", "outline-service", "content-service", "image-service", "storage-service"}) {
            JsonNode readiness = JSON.readTree(get("http://127.0.0.1:" + platform.port(service) + "/actuator/health/readiness", null).body());
            assertThat(readiness.path("components").path("kafka").path("status").asString()).as(service + " sees Kafka").isEqualTo("UP");
        }
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/v1/courses"))
                .header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"Least privilege\",\"lessonCount\":2}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String courseId = JSON.readTree(accepted.body()).path("courseId").asString();

        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(course(courseId).path("status").asString()));
        assertThat(course(courseId).path("lessons")).hasSize(2);
    }

    @Test
    void aTenantSubmitsByKafkaAsItsOwnPrincipalOnItsOwnTopicAndCannotSubmitForAnother() throws Exception {
        String topic = "Submitted by principal " + UUID.randomUUID();
        try (KafkaProducer<String, String> acme = new KafkaProducer<>(
                platform.kafkaClientProperties(KafkaAccess.tenantUser("acme")), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> submission = new ProducerRecord<>(Topics.courseRequestsOf("acme"), "req-1",
                    "{\"topic\":\"" + topic + "\",\"lessonCount\":1,\"requestId\":\"" + UUID.randomUUID() + "\"}");
            // a claim to be someone else rides along: the topic, not the record, says who submitted
            submission.headers().add(CourseSubmission.TENANT_HEADER, "globex".getBytes(StandardCharsets.UTF_8));
            acme.send(submission).get(30, TimeUnit.SECONDS);

            assertThatThrownBy(() -> acme.send(new ProducerRecord<>(Topics.courseRequestsOf("globex"), "req-2",
                    "{\"topic\":\"Posing as globex\"}")).get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETED".equals(listed(KEY, topic).path("status").asString()));
        assertThat(listed(GLOBEX_KEY, topic).isMissingNode()).as("not globex's course").isTrue();
    }

    @Test
    void eachTenantReadsItsOwnCoursesStatusesOnItsOwnTopicAsItsOwnPrincipal() throws Exception {
        String acmeCourse = submit(KEY, 1);
        String globexCourse = submit(GLOBEX_KEY, 1);

        // globex's feed proves the relay has passed globex's completion, so acme's feed would show it by now
        assertThat(readUntilCompleted("globex", globexCourse)).allSatisfy(status ->
                assertThat(status.path("tenantId").asString()).isEqualTo("globex"));
        List<JsonNode> acme = readUntilCompleted("acme", acmeCourse);
        assertThat(acme).allSatisfy(status -> assertThat(status.path("tenantId").asString()).isEqualTo("acme"));
        assertThat(acme).noneMatch(status -> globexCourse.equals(status.path("courseId").asString()));
        assertThat(acme).filteredOn(status -> "COMPLETED".equals(status.path("status").asString()))
                .first().satisfies(completed -> assertThat(completed.path("summary").path("links").path("course")
                        .asString()).endsWith(acmeCourse));
    }

    /** A course accepted by REST for the key's tenant: its id. */
    private static String submit(String apiKey, int lessons) throws Exception {
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/v1/courses"))
                .header("X-API-Key", apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"Status feed " + UUID.randomUUID()
                        + "\",\"lessonCount\":" + lessons + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).path("courseId").asString();
    }

    /**
     * What the tenant's principal reads on {@code course.status.<tenant>} (from the beginning, in a group under its
     * prefix) up to its course's COMPLETED snapshot.
     */
    private static List<JsonNode> readUntilCompleted(String tenant, String courseId) {
        Map<String, Object> config = new HashMap<>(platform.kafkaClientProperties(KafkaAccess.tenantUser(tenant)));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.tenantGroupPrefix(tenant) + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<JsonNode> statuses = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.courseStatusOf(tenant)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> statuses.add(JSON.readTree(record.value())));
                return statuses.stream().anyMatch(status -> courseId.equals(status.path("courseId").asString())
                        && "COMPLETED".equals(status.path("status").asString()));
            });
        }
        return statuses;
    }

    /** The tenant's course about this topic in its listing, or a missing node. */
    private static JsonNode listed(String apiKey, String topic) throws Exception {
        for (JsonNode item : JSON.readTree(get(platform.gatewayUrl() + "/api/v1/courses?limit=50", apiKey).body()).path("items")) {
            if (topic.equals(item.path("topic").asString())) {
                return item;
            }
        }
        return JSON.missingNode();
    }

    static JsonNode course(String courseId) throws Exception {
        return JSON.readTree(get(platform.gatewayUrl() + "/api/v1/courses/" + courseId, KEY).body());
    }

    static HttpResponse<String> get(String url, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
