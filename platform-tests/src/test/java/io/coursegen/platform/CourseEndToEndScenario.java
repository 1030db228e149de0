package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.Topics;
import io.coursegen.local.LocalPlatform;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

/**
 * One course through all five services and the real (embedded) Kafka, MongoDB-wire and S3 servers:
 * submitted over HTTP, followed over server-sent events, read back whole, every picture downloaded.
 * Subclasses choose the LLM provider.
 */
abstract class CourseEndToEndScenario {

    static final String TENANT = "acme";
    static final String API_KEY = "acme-e2e-key-0123456789abcdef";
    static final String OTHER_TENANT_KEY = "globex-e2e-key-0123456789abcdef";
    static final String API_KEYS = TENANT + "=" + API_KEY + ",globex=" + OTHER_TENANT_KEY;
    static final int LESSONS = 2;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration COURSE_DEADLINE = Duration.ofSeconds(120);

    abstract LocalPlatform platform();

    /** Checks the course shows the provider's work, and what the LLM side saw. */
    abstract void verifyProvider(JsonNode course) throws Exception;

    @Test
    void courseSubmittedOverHttpCompletesWithEveryLessonAndPicture() throws Exception {
        WebClient gateway = WebClient.builder().baseUrl(platform().gatewayUrl())
                .defaultHeader("X-API-Key", API_KEY).build();

        var accepted = gateway.post().uri("/api/v1/courses").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "Quantum computing for product managers", "lessonCount", LESSONS,
                        "audience", "product managers"))
                .retrieve().toEntity(JsonNode.class).block(Duration.ofSeconds(30));
        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        String courseId = accepted.getBody().path("courseId").asString();
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/v1/courses/" + courseId);

        List<JsonNode> progress = gateway.get().uri("/api/v1/courses/{id}/events", courseId)
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .filter(event -> event.data() != null)
                .map(event -> JSON.readTree(event.data()))
                .collectList().block(COURSE_DEADLINE);
        assertThat(progress).isNotEmpty();
        JsonNode last = progress.get(progress.size() - 1);
        assertThat(last.path("status").asString()).as("final event %s", last).isEqualTo("COMPLETED");
        int totalParts = 1 + LESSONS + LESSONS + 1;
        assertThat(last.path("partsDone").asInt()).isEqualTo(totalParts);
        assertThat(progress).extracting(e -> e.path("partsDone").asInt()).isSorted();

        JsonNode course = gateway.get().uri("/api/v1/courses/{id}", courseId).retrieve().bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(30));
        assertThat(course.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(course.path("progress").path("percent").asInt()).isEqualTo(100);
        assertThat(course.path("outline").path("title").asString()).isNotBlank();
        JsonNode lessons = course.path("lessons");
        assertThat(lessons.size()).isEqualTo(LESSONS);
        List<JsonNode> pictures = new ArrayList<>();
        pictures.add(course.path("cover"));
        for (int i = 0; i < LESSONS; i++) {
            JsonNode lesson = lessons.get(i);
            assertThat(lesson.path("position").asInt()).isEqualTo(i + 1);
            assertThat(lesson.path("status").asString()).isEqualTo("DONE");
            assertThat(lesson.path("markdown").asString()).isNotBlank();
            assertThat(lesson.path("keyTakeaways").size()).isBetween(3, 5);
            assertThat(lesson.path("quiz").size()).isBetween(3, 5);
            lesson.path("quiz").forEach(q -> assertThat(q.path("options").size()).isEqualTo(4));
            pictures.add(lesson.path("image"));
        }
        for (JsonNode picture : pictures) {
            assertThat(picture.path("caption").asString()).isNotBlank();
            assertThat(picture.path("altText").asString()).isNotBlank();
            assertThat(picture.path("visualConcept").asString()).isNotBlank();
            assertPictureDownloadsAsPng(picture);
        }

        WebClient otherTenant = WebClient.builder().baseUrl(platform().gatewayUrl())
                .defaultHeader("X-API-Key", OTHER_TENANT_KEY).build();
        Integer otherStatus = otherTenant.get().uri("/api/v1/courses/{id}", courseId)
                .exchangeToMono(response -> Mono.just(response.statusCode().value())).block(Duration.ofSeconds(30));
        assertThat(otherStatus).as("another tenant must not see the course").isEqualTo(404);

        for (String format : List.of("json", "markdown", "html", "scorm12")) {
            var export = gateway.get().uri("/api/v1/courses/{id}/export?format={format}", courseId, format)
                    .retrieve().toEntity(byte[].class).block(Duration.ofSeconds(30));
            assertThat(export.getStatusCode().value()).as(format + " export").isEqualTo(200);
            assertThat(export.getHeaders().getContentDisposition().isAttachment()).as(format).isTrue();
            assertThat(export.getBody()).as(format).isNotEmpty();
        }

        assertStoredDocument(courseId);
        assertKafkaEvents(courseId);
        verifyProvider(course);
    }

    private static void assertPictureDownloadsAsPng(JsonNode picture) throws Exception {
        String url = picture.path("url").asString();
        assertThat(url).startsWith("http");
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).as("GET %s", url).isEqualTo(200);
        byte[] bytes = download.body();
        assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(bytes.length).isEqualTo(picture.path("byteSize").asLong());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).as("decodable PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(picture.path("width").asInt());
        assertThat(image.getHeight()).isEqualTo(picture.path("height").asInt());
    }

    private void assertStoredDocument(String courseId) {
        try (MongoClient mongo = MongoClients.create(platform().infrastructure().mongoUri())) {
            Document stored = Mono.from(mongo.getDatabase("coursegen").getCollection("courses")
                    .find(new Document("_id", courseId)).first()).block(Duration.ofSeconds(10));
            assertThat(stored).as("course document").isNotNull();
            assertThat(stored.getString("tenantId")).isEqualTo(TENANT);
            assertThat(stored.getString("status")).isEqualTo("COMPLETED");
            assertThat(stored.get("lessons", Document.class)).hasSize(LESSONS);
            assertThat(stored.get("images", Document.class)).hasSize(LESSONS + 1);
        }
    }

    private void assertKafkaEvents(String courseId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform().infrastructure().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<String> topics = List.of(Topics.COURSE_ADMITTED, Topics.COURSE_OUTLINED,
                    Topics.LESSON_REQUESTED,
                    Topics.IMAGE_REQUESTED, Topics.LESSON_GENERATED, Topics.IMAGE_GENERATED, Topics.COURSE_STATUS);
            consumer.subscribe(topics);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (r.key() != null && Topics.courseIdOfKey(r.key()).equals(courseId)) {
                        records.add(r);
                    }
                });
                return count(records, Topics.COURSE_STATUS, "\"COMPLETED\"") >= 1
                        && count(records, Topics.IMAGE_GENERATED, "") >= LESSONS + 1;
            });
        }
        assertThat(count(records, Topics.COURSE_ADMITTED, "")).isEqualTo(1);
        assertThat(count(records, Topics.COURSE_OUTLINED, "")).isEqualTo(1);
        assertThat(count(records, Topics.LESSON_REQUESTED, "")).isEqualTo(LESSONS);
        assertThat(count(records, Topics.IMAGE_REQUESTED, "")).isEqualTo(LESSONS + 1);
        assertThat(count(records, Topics.LESSON_GENERATED, "")).isEqualTo(LESSONS);
        assertThat(count(records, Topics.IMAGE_GENERATED, "")).isEqualTo(LESSONS + 1);
        records.stream().filter(r -> r.topic().equals(Topics.IMAGE_GENERATED)).forEach(r -> {
            JsonNode event = JSON.readTree(r.value());
            assertThat(event.path("objectKey").asString()).matches("images/[0-9a-f]{64}\\.png");
            assertThat(r.value().length()).as("claim check: no picture bytes in the event").isLessThan(4000);
        });
    }

    private static long count(List<ConsumerRecord<String, String>> records, String topic, String containing) {
        return records.stream().filter(r -> r.topic().equals(topic) && r.value().contains(containing)).count();
    }
}
