package io.coursegen.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseSubmission;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A team submits courses by producing to {@code course.requests} with a plain Kafka client, as it would from
 * outside Coursegen, and watches {@code course.requested} and {@code course.status} with a plain consumer.
 * storage-service is a stand-in that reserves idempotency keys as the real one does.
 */
@WithEmbeddedKafka
class CourseSubmissionIntakeTest extends GatewayTestSupport {

    private static final String RESERVATIONS = "/internal/v1/idempotency-keys";

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void submitter() {
        STORAGE.reserveKeysLikeStorage("acme");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void closeSubmitter() {
        producer.close();
    }

    @Test
    void aSubmissionByEventStartsACourseWithTheRestApisDefaultsAndCloudEventsHeaders() throws Exception {
        String topic = "Event-driven intake " + UUID.randomUUID();
        String requestId = "req-" + UUID.randomUUID();

        submit(requestId, "acme", ACME_KEY, """
                {"topic": "  %s ", "lessonCount": 2, "level": "ADVANCED", "requestId": "%s", "futureField": 1}"""
                .formatted(topic, requestId));

        ConsumerRecord<String, String> requested = awaitCourseRequested(topic);
        JsonNode course = json.readTree(requested.value());
        assertThat(course.path("tenantId").asString()).isEqualTo("acme");
        assertThat(course.path("spec").path("topic").asString()).isEqualTo(topic);
        assertThat(course.path("spec").path("level").asString()).isEqualTo("advanced");
        assertThat(course.path("spec").path("language").asString()).isEqualTo("en");
        assertThat(course.path("spec").path("lessonCount").asInt()).isEqualTo(2);
        assertThat(course.path("spec").path("includeQuiz").asBoolean()).isTrue();
        assertThat(requested.key()).isEqualTo(course.path("courseId").asString());
        assertThat(header(requested, "ce_type")).isEqualTo("io.coursegen.course.requested.v1");
        assertThat(header(requested, "ce_source")).isEqualTo("/coursegen/gateway-service");
        assertThat(header(requested, "ce_subject")).isEqualTo(requested.key());
        assertThat(header(requested, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(requested, "ce_id")).isNotBlank();
        JsonNode reservation = lastReservationOf(requestId);
        assertThat(reservation.path("course").path("courseId").asString()).isEqualTo(requested.key());
    }

    @Test
    void aRepeatedRequestIdStartsOneCourse() throws Exception {
        String topic = "Idempotent events " + UUID.randomUUID();
        String requestId = "req-" + UUID.randomUUID();
        String body = """
                {"topic": "%s", "lessonCount": 1, "requestId": "%s"}""".formatted(topic, requestId);
        String marker = "Marker after the repeat " + UUID.randomUUID();

        submit(requestId, "acme", ACME_KEY, body);
        submit(requestId, "acme", ACME_KEY, body);
        // same key, same partition: once the marker is admitted, both submissions before it were handled
        submit(requestId, "acme", ACME_KEY, """
                {"topic": "%s", "lessonCount": 1}""".formatted(marker));
        awaitCourseRequested(marker);

        assertThat(courseRequestedSoFar(topic)).hasSize(1);
        assertThat(STORAGE.bodies(RESERVATIONS).stream().map(sent -> json.readTree(sent.body()))
                .filter(sent -> sent.path("key").asString().equals(requestId))).hasSize(2);
        assertThat(statusRecordsSoFar(requestId)).isEmpty();
    }

    @Test
    void invalidRecordsAreRejectedWithReasonsAndDeadLetteredWhileTheNextRecordStillFlows() throws Exception {
        String recordKey = "batch-" + UUID.randomUUID();
        String wrongKeyId = "req-wrong-key-" + UUID.randomUUID();
        String invalidId = "req-invalid-" + UUID.randomUUID();
        String valid = "Still flowing " + UUID.randomUUID();

        submit(recordKey, "acme", ACME_KEY, "{not json");
        submit(recordKey, "acme", GLOBEX_KEY, """
                {"topic": "Someone else's key", "requestId": "%s"}""".formatted(wrongKeyId));
        submit(recordKey, "acme", ACME_KEY, """
                {"topic": "ok", "lessonCount": 99, "level": "expert", "requestId": "%s"}""".formatted(invalidId));
        submit(recordKey, null, null, """
                {"topic": "Anonymous"}""");
        submit(recordKey, "acme", ACME_KEY, """
                {"topic": "%s", "lessonCount": 1}""".formatted(valid));

        awaitCourseRequested(valid);

        List<ConsumerRecord<String, String>> byRecordKey = statusRecordsSoFar(recordKey);
        assertThat(byRecordKey).hasSize(2).allSatisfy(rejection -> {
            assertThat(header(rejection, "ce_type")).isEqualTo("io.coursegen.course.rejected.v1");
            assertThat(header(rejection, "ce_subject")).isEqualTo(recordKey);
        });
        JsonNode unreadable = json.readTree(byRecordKey.get(0).value());
        assertThat(unreadable.path("tenantId").asString()).isEqualTo("acme");
        assertThat(unreadable.path("requestId").isNull()).isTrue();
        assertThat(reasons(unreadable)).singleElement().asString().startsWith("the value is not a CourseSubmission as JSON");
        assertThat(reasons(json.readTree(byRecordKey.get(1).value())))
                .containsExactly("header coursegen-tenant is missing", "header coursegen-api-key is missing");

        JsonNode wrongKey = json.readTree(singleStatusRecord(wrongKeyId).value());
        assertThat(wrongKey.path("tenantId").isNull()).isTrue();
        assertThat(reasons(wrongKey)).containsExactly("header coursegen-api-key is not a key of tenant acme");
        assertThat(wrongKey.toString()).doesNotContain(GLOBEX_KEY);

        JsonNode invalid = json.readTree(singleStatusRecord(invalidId).value());
        assertThat(invalid.path("tenantId").asString()).isEqualTo("acme");
        assertThat(invalid.path("requestId").asString()).isEqualTo(invalidId);
        assertThat(reasons(invalid)).containsExactly(
                "lessonCount: must be less than or equal to 30",
                "level: must be one of beginner, intermediate, advanced",
                "topic: size must be between 3 and 200");

        assertThat(recordsSoFar(Topics.COURSE_REQUESTS + Topics.DEAD_LETTER_SUFFIX, recordKey)).hasSize(4);
        assertThat(STORAGE.bodies(RESERVATIONS).stream().map(sent -> json.readTree(sent.body()))
                .map(sent -> sent.path("key").asString())).doesNotContain(wrongKeyId, invalidId);
    }

    @Test
    void aRequestIdReusedForADifferentRequestIsRejectedNamingTheFirstCourse() throws Exception {
        String requestId = "req-reused-" + UUID.randomUUID();
        String first = "First use " + UUID.randomUUID();
        submit(requestId, "acme", ACME_KEY, """
                {"topic": "%s", "requestId": "%s"}""".formatted(first, requestId));
        String courseId = awaitCourseRequested(first).key();

        submit(requestId, "acme", ACME_KEY, """
                {"topic": "Something else entirely", "requestId": "%s"}""".formatted(requestId));

        JsonNode rejection = json.readTree(awaitRecord(Topics.COURSE_STATUS, requestId).value());
        assertThat(reasons(rejection)).singleElement().asString()
                .contains("requestId", "already used for a different request", courseId);
    }

    @Test
    void aSubmissionStorageCouldNotReserveThroughItsRetriesIsAnsweredSoItsSubmitterSendsItAgain() throws Exception {
        STORAGE.answer("POST", "globex", RESERVATIONS, 500, "application/problem+json", "{\"status\":500}");
        String requestId = "req-storage-down-" + UUID.randomUUID();

        submit(requestId, "globex", GLOBEX_KEY, """
                {"topic": "Submitted while storage is down", "requestId": "%s"}""".formatted(requestId));

        JsonNode rejection = json.readTree(awaitRecord(Topics.COURSE_STATUS, requestId).value());
        assertThat(rejection.path("tenantId").asString()).isEqualTo("globex");
        assertThat(reasons(rejection)).containsExactly(GivenUpSubmissions.REASON);
        assertThat(STORAGE.bodies(RESERVATIONS).stream().map(sent -> json.readTree(sent.body()))
                .filter(sent -> sent.path("key").asString().equals(requestId))).hasSize(2);
    }

    private void submit(String key, String tenant, String apiKey, String value) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.COURSE_REQUESTS, key, value);
        if (tenant != null) {
            record.headers().add(CourseSubmission.TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8));
        }
        if (apiKey != null) {
            record.headers().add(CourseSubmission.API_KEY_HEADER, apiKey.getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record).get();
    }

    private JsonNode lastReservationOf(String key) {
        return STORAGE.bodies(RESERVATIONS).stream().map(sent -> json.readTree(sent.body()))
                .filter(sent -> sent.path("key").asString().equals(key))
                .reduce((earlier, later) -> later).orElseThrow();
    }

    private ConsumerRecord<String, String> awaitCourseRequested(String courseTopic) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.addAll(read(Topics.COURSE_REQUESTED, isCourseAbout(courseTopic)));
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private List<ConsumerRecord<String, String>> courseRequestedSoFar(String courseTopic) {
        return read(Topics.COURSE_REQUESTED, isCourseAbout(courseTopic));
    }

    private List<ConsumerRecord<String, String>> statusRecordsSoFar(String key) {
        return recordsSoFar(Topics.COURSE_STATUS, key);
    }

    private ConsumerRecord<String, String> singleStatusRecord(String key) {
        ConsumerRecord<String, String> first = awaitRecord(Topics.COURSE_STATUS, key);
        assertThat(statusRecordsSoFar(key)).as("rejections of %s", key).hasSize(1);
        return first;
    }

    private Predicate<ConsumerRecord<String, String>> isCourseAbout(String courseTopic) {
        return record -> json.readTree(record.value()).path("spec").path("topic").asString().equals(courseTopic);
    }

    /** The records matching, read from the beginning of every partition up to its current end. */
    private List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> wanted) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                });
            }
            return found;
        }
    }

    private static List<String> reasons(JsonNode rejection) {
        List<String> reasons = new ArrayList<>();
        rejection.path("reasons").forEach(reason -> reasons.add(reason.asString()));
        return reasons;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
