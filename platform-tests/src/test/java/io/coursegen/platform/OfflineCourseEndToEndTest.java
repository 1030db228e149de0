package io.coursegen.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseSubmission;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.GatewayServiceApplication;
import io.coursegen.local.LocalPlatform;
import io.coursegen.local.PlatformSettings;
import io.coursegen.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform on the offline provider: no network, labelled drafts, placeholder pictures. */
class OfflineCourseEndToEndTest extends CourseEndToEndScenario {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.start(PlatformSettings.ephemeral(API_KEYS, Map.of(
                "coursegen.llm.provider", "offline",
                "coursegen.kafka.partitions", "2")));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Override
    LocalPlatform platform() {
        return platform;
    }

    /**
     * The owner regenerates a lesson of a completed course with instructions: the course is GENERATING until the
     * new text and picture land, then COMPLETED again, showing the new lesson and keeping the old one as a version.
     */
    @Test
    void aRegeneratedLessonIsShownWhenItLandsAndTheOldOneIsKeptAsAVersion() {
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", API_KEY).build();
        String courseId = gateway.post().uri("/api/v1/courses").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("topic", "Sourdough baking", "lessonCount", LESSONS))
                .retrieve().bodyToMono(JsonNode.class).block(WAIT).path("courseId").asString();
        JsonNode before = awaitCompleted(gateway, courseId);
        JsonNode oldLesson = before.path("lessons").get(0);

        var accepted = gateway.post().uri("/api/v1/courses/{id}/lessons/lesson-01/regenerate", courseId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("instructions", "More about rye flour"))
                .retrieve().toEntity(JsonNode.class).block(WAIT);

        assertThat(accepted.getStatusCode().value()).isEqualTo(202);
        assertThat(accepted.getBody().path("revision").asInt()).isEqualTo(2);
        assertThat(accepted.getBody().path("status").asString()).isEqualTo("GENERATING");
        JsonNode after = awaitCompleted(gateway, courseId);
        JsonNode lesson = after.path("lessons").get(0);
        assertThat(lesson.path("revision").asInt()).isEqualTo(2);
        assertThat(lesson.path("markdown").asString()).contains("Revision 2").isNotEqualTo(oldLesson.path("markdown").asString());
        assertThat(lesson.path("image").path("caption").asString()).endsWith("Revision 2.");
        assertThat(lesson.path("versions")).singleElement().satisfies(version -> {
            assertThat(version.path("revision").asInt()).isEqualTo(1);
            assertThat(version.path("markdown").asString()).isEqualTo(oldLesson.path("markdown").asString());
            assertThat(version.path("image").path("caption").asString())
                    .isEqualTo(oldLesson.path("image").path("caption").asString());
        });
        assertThat(after.path("lessons").get(1).path("versions")).isEmpty();
        assertThat(after.path("progress").path("percent").asInt()).isEqualTo(100);
    }

    /**
     * A client that lost the answer to its submission sends it again under the same Idempotency-Key: it gets the
     * same course, which runs once; the key with a different request is refused; the course is readable at once.
     */
    @Test
    void aSubmissionRepeatedUnderItsIdempotencyKeyRunsOneCourse() {
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", API_KEY).build();
        String key = "retry-" + UUID.randomUUID();
        Map<String, Object> request = Map.of("topic", "Fermentation at home", "lessonCount", LESSONS);

        var first = submit(gateway, key, request);
        String courseId = first.getBody().path("courseId").asString();
        var readAtOnce = gateway.get().uri("/api/v1/courses/{id}", courseId)
                .exchangeToMono(response -> response.toEntity(JsonNode.class)).block(WAIT);
        var again = submit(gateway, key, Map.of("lessonCount", LESSONS, "topic", " Fermentation at home "));
        var different = gateway.post().uri("/api/v1/courses").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("topic", "Fermentation at work"))
                .exchangeToMono(response -> response.toEntity(JsonNode.class)).block(WAIT);

        assertThat(first.getStatusCode().value()).isEqualTo(202);
        assertThat(readAtOnce.getStatusCode().value()).as("a read straight after the submission").isEqualTo(200);
        assertThat(again.getStatusCode().value()).isEqualTo(202);
        assertThat(again.getBody().path("courseId").asString()).isEqualTo(courseId);
        assertThat(again.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(different.getStatusCode().value()).isEqualTo(422);
        assertThat(different.getBody().path("courseId").asString()).isEqualTo(courseId);
        awaitCompleted(gateway, courseId);
        assertThat(submit(gateway, key, request).getBody().path("status").asString())
                .as("a replay tells the course's current status").isEqualTo("COMPLETED");
        assertThat(recordsOf(Topics.COURSE_ADMITTED, courseId)).as("the pipeline ran once").hasSize(1);
    }

    /**
     * Behind several gateway instances without sticky routing, a client's read straight after its POST may reach
     * another instance. On the default configuration every one of 50 such reads finds the course: storage-service
     * stored it before the 202 was sent.
     */
    @Test
    void everyCourseIsReadableThroughASecondGatewayStraightAfterItsPost() {
        List<String> args = new ArrayList<>(platform.serviceArguments("gateway-service").stream()
                .filter(arg -> !arg.startsWith("--server.port=")).toList());
        args.add("--server.port=0");
        args.add("--spring.kafka.consumer.group-id=gateway-second-" + UUID.randomUUID());
        try (ConfigurableApplicationContext second = GatewayServiceApplication.application()
                .run(args.toArray(String[]::new))) {
            String secondUrl = "http://127.0.0.1:" + second.getEnvironment().getProperty("local.server.port");
            WebClient first = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", API_KEY).build();
            WebClient other = WebClient.builder().baseUrl(secondUrl).defaultHeader("X-API-Key", API_KEY).build();
            List<Integer> readStatuses = new ArrayList<>();
            List<String> courseIds = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String courseId = first.post().uri("/api/v1/courses").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("topic", "Read your writes, part " + i, "lessonCount", 1))
                        .retrieve().bodyToMono(JsonNode.class).block(WAIT).path("courseId").asString();
                ResponseEntity<JsonNode> read = other.get().uri("/api/v1/courses/{id}", courseId)
                        .exchangeToMono(response -> response.toEntity(JsonNode.class)).block(WAIT);
                readStatuses.add(read.getStatusCode().value());
                if (read.getStatusCode().value() == 200) {
                    assertThat(read.getBody().path("courseId").asString()).isEqualTo(courseId);
                    assertThat(read.getBody().path("status").asString()).isIn("QUEUED", "OUTLINING", "GENERATING",
                            "COMPLETED");
                }
                courseIds.add(courseId);
            }
            assertThat(readStatuses).as("reads through the other gateway straight after each POST").containsOnly(200)
                    .hasSize(50);
            courseIds.forEach(courseId -> first.delete().uri("/api/v1/courses/{id}", courseId)
                    .exchangeToMono(response -> response.releaseBody()).block(WAIT));
        }
    }

    /**
     * A team without REST submits by producing a record on course.requests and follows course.status to COMPLETED,
     * with nothing but Kafka's own clients: every status record carries its CloudEvents attributes, and the
     * completed one the course's summary and links.
     */
    @Test
    void aCourseSubmittedByEventIsFollowedOnCourseStatusToCompleted() throws Exception {
        String requestId = "event-" + UUID.randomUUID();
        String bootstrap = platform.infrastructure().kafkaBootstrapServers();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> submission = new ProducerRecord<>(Topics.COURSE_REQUESTS, requestId, """
                    {"topic": "Composting for city gardeners", "lessonCount": 1, "requestId": "%s"}""".formatted(requestId));
            submission.headers().add(CourseSubmission.TENANT_HEADER, TENANT.getBytes(StandardCharsets.UTF_8));
            submission.headers().add(CourseSubmission.API_KEY_HEADER, API_KEY.getBytes(StandardCharsets.UTF_8));
            producer.send(submission).get();
        }

        List<ConsumerRecord<String, String>> statuses = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.COURSE_STATUS).stream()
                    .map(info -> new TopicPartition(Topics.COURSE_STATUS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(statuses::add);
                return statuses.stream().anyMatch(OfflineCourseEndToEndTest::isCompletedComposting);
            });
        }

        ConsumerRecord<String, String> completed = statuses.stream()
                .filter(OfflineCourseEndToEndTest::isCompletedComposting).findFirst().orElseThrow();
        String courseId = completed.key();
        assertThat(header(completed, "ce_type")).isEqualTo("io.coursegen.course.status-changed.v1");
        assertThat(header(completed, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(completed, "ce_subject")).isEqualTo(courseId);
        assertThat(header(completed, "ce_source")).isEqualTo("/coursegen/storage-service");
        assertThat(header(completed, "ce_id")).isNotBlank();
        // one trace from the submission (the gateway's listener span) to the completed course, across every service
        // and Kafka hop: storage keeps it with the waiting course and admission continues it
        String admittedTrace = traceId(recordsOf(Topics.COURSE_ADMITTED, courseId).get(0));
        assertThat(admittedTrace).isNotBlank();
        assertThat(traceId(completed)).isEqualTo(admittedTrace);
        JsonNode summary = JSON.readTree(completed.value()).path("summary");
        assertThat(summary.path("lessonCount").asInt()).isEqualTo(1);
        assertThat(summary.path("links").path("course").asString()).isEqualTo("/api/v1/courses/" + courseId);
        WebClient gateway = WebClient.builder().baseUrl(platform.gatewayUrl()).defaultHeader("X-API-Key", API_KEY).build();
        assertThat(gateway.get().uri("/api/v1/courses/{id}", courseId).retrieve().bodyToMono(JsonNode.class)
                .block(WAIT).path("status").asString()).isEqualTo("COMPLETED");
    }

    private static boolean isCompletedComposting(ConsumerRecord<String, String> record) {
        JsonNode value = JSON.readTree(record.value());
        return "COMPLETED".equals(value.path("status").asString(""))
                && value.path("summary").path("title").asString("").contains("Composting for city gardeners");
    }

    /** The trace id of a record's W3C {@code traceparent} ({@code 00-<trace id>-<span id>-<flags>}). */
    private static String traceId(ConsumerRecord<String, String> record) {
        String traceparent = header(record, "traceparent");
        assertThat(traceparent).as("traceparent of a %s record", record.topic()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ResponseEntity<JsonNode> submit(WebClient gateway, String key, Map<String, Object> request) {
        return gateway.post().uri("/api/v1/courses").header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(request)
                .retrieve().toEntity(JsonNode.class).block(WAIT);
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String topic, String key) {
        return TopicReader.recordsSoFar(platform.infrastructure().kafkaBootstrapServers(), topic, key);
    }

    private static JsonNode awaitCompleted(WebClient gateway, String courseId) {
        AtomicReference<JsonNode> course = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            course.set(gateway.get().uri("/api/v1/courses/{id}", courseId).retrieve().bodyToMono(JsonNode.class)
                    .block(WAIT));
            return course.get().path("status").asString().equals("COMPLETED");
        });
        return course.get();
    }

    @Override
    void verifyProvider(JsonNode course) {
        assertThat(course.path("outline").path("title").asString()).startsWith("[Offline draft]");
        assertThat(course.path("cover").path("caption").asString()).startsWith("[Offline placeholder]");
        assertThat(course.path("usage").path("llmCalls").asInt()).as("the offline provider calls no model").isZero();
        assertThat(course.path("usage").path("promptTokens").asLong()).isZero();
        assertThat(course.path("usage").path("images").asInt()).isEqualTo(LESSONS + 1);
    }
}
