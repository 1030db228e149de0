package io.coursegen.gateway.intake;

import static io.coursegen.gateway.FakeStorage.NEW_COURSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseSubmission;
import io.coursegen.contracts.OutlineDraft;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A team submits courses by producing to {@code course.requests} with a plain Kafka client, as it would from
 * outside Coursegen, and watches {@code course.status} with a plain consumer. storage-service is a stand-in that
 * creates courses and claims idempotency keys as the real one does.
 */
@WithEmbeddedKafka
class CourseSubmissionIntakeTest extends GatewayTestSupport {

    private static final CourseSpec REVIEWED = new CourseSpec("Kafka for SREs", "SREs", "beginner", "en", 1, true,
            "flat", CourseSpec.OUTLINE_REVIEW);

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void submitter() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void closeSubmitter() {
        producer.close();
        STORAGE.forgetAnswers("POST", NEW_COURSES);
    }

    @Test
    void aSubmissionByEventIsStoredWithTheRestApisDefaultsUnderItsRequestId() throws Exception {
        String topic = "Event-driven intake " + UUID.randomUUID();
        String requestId = "req-" + UUID.randomUUID();
        Instant before = Instant.now();

        submit(requestId, "acme", ACME_KEY, """
                {"topic": "  %s ", "lessonCount": 2, "level": "ADVANCED", "requestId": "%s", "futureField": 1}"""
                .formatted(topic, requestId));

        FakeStorage.Created created = awaitCreated(topic);
        assertThat(created.tenant()).isEqualTo("acme");
        assertThat(created.idempotencyKey()).isEqualTo(requestId);
        assertThat(created.requestHash()).matches("[0-9a-f]{64}");
        CourseRequested course = json.treeToValue(created.course(), CourseRequested.class);
        assertThat(course.tenantId()).isEqualTo("acme");
        assertThat(course.spec()).isEqualTo(new CourseSpec(topic, "general learners", "advanced", "en", 2, true,
                "clean flat illustration"));
        assertThat(course.requestedAt()).isBetween(before.minus(Duration.ofSeconds(1)), Instant.now());
    }

    @Test
    void aSubmissionWithoutARequestIdIsKeyedByItsPositionInTheTopic() throws Exception {
        String topic = "Keyed by position " + UUID.randomUUID();

        RecordMetadata position = submit("no-request-id", "acme", ACME_KEY, """
                {"topic": "%s"}""".formatted(topic));

        assertThat(awaitCreated(topic).idempotencyKey())
                .isEqualTo(Topics.COURSE_REQUESTS + "/" + position.partition() + "/" + position.offset());
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
        // same key, same partition: once the marker is stored, both submissions before it were handled
        submit(requestId, "acme", ACME_KEY, """
                {"topic": "%s", "lessonCount": 1}""".formatted(marker));
        awaitCreated(marker);

        assertThat(STORAGE.created()).filteredOn(created -> created.topic().equals(topic)).hasSize(1);
        assertThat(offeredUnder(requestId)).hasSize(2);
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

        awaitCreated(valid);

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
        assertThat(offeredUnder(wrongKeyId)).isEmpty();
        assertThat(offeredUnder(invalidId)).isEmpty();
        assertThat(STORAGE.created()).extracting(FakeStorage.Created::topic)
                .doesNotContain("Someone else's key", "Anonymous");
    }

    @Test
    void aSubmissionAskingForOutlineReviewIsStoredWithItAsTheRestApiStoresIt() throws Exception {
        String topic = "Reviewed by event " + UUID.randomUUID();

        submit("reviewed", "acme", ACME_KEY, """
                {"topic": "%s", "review": "Outline"}""".formatted(topic));

        CourseRequested course = json.treeToValue(awaitCreated(topic).course(), CourseRequested.class);
        assertThat(course.spec().review()).isEqualTo(CourseSpec.OUTLINE_REVIEW);
    }

    @Test
    void aSubmissionWithAnUnknownReviewIsRejectedNamingTheFieldAndNothingIsStored() throws Exception {
        String requestId = "req-review-" + UUID.randomUUID();
        String topic = "Unknown review " + UUID.randomUUID();

        submit(requestId, "acme", ACME_KEY, """
                {"topic": "%s", "review": "lessons", "requestId": "%s"}""".formatted(topic, requestId));

        assertThat(reasons(json.readTree(singleStatusRecord(requestId).value())))
                .containsExactly("review: must be one of none, outline");
        assertThat(offeredUnder(requestId)).isEmpty();
        assertThat(STORAGE.created()).extracting(FakeStorage.Created::topic).doesNotContain(topic);
    }

    @Test
    void anApprovalByEventApprovesTheReviewedOutlineAsTheRestApiDoes() throws Exception {
        String courseId = UUID.randomUUID().toString();
        STORAGE.awaitingReview("globex", courseId, REVIEWED, reviewedOutline());

        submit(courseId, "globex", GLOBEX_KEY, """
                {"approve": "%s", "outlineRevision": 1}""".formatted(courseId));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                STORAGE.reviewed("globex", courseId).status() == CourseStatus.QUEUED);
        assertThat(recordsSoFar(Topics.COURSE_REQUESTS + Topics.DEAD_LETTER_SUFFIX, courseId)).isEmpty();
    }

    @Test
    void anApprovalStorageRefusesIsRejectedInStoragesWordsKeyedByTheCourse() throws Exception {
        String stale = UUID.randomUUID().toString();
        String someoneElses = UUID.randomUUID().toString();
        STORAGE.awaitingReview("globex", stale, REVIEWED, reviewedOutline());
        STORAGE.awaitingReview("acme", someoneElses, REVIEWED, reviewedOutline());

        submit(stale, "globex", GLOBEX_KEY, """
                {"approve": "%s", "outlineRevision": 3}""".formatted(stale));
        submit(someoneElses, "globex", GLOBEX_KEY, """
                {"approve": "%s"}""".formatted(someoneElses));
        submit("no-course", "globex", GLOBEX_KEY, """
                {"approve": " ", "outlineRevision": 0}""");

        JsonNode staleRejection = json.readTree(singleStatusRecord(stale).value());
        assertThat(staleRejection.path("tenantId").asString()).isEqualTo("globex");
        assertThat(reasons(staleRejection)).singleElement().asString().startsWith("stale-outline: ");
        assertThat(reasons(json.readTree(singleStatusRecord(someoneElses).value()))).singleElement().asString()
                .startsWith("not-found");
        assertThat(reasons(json.readTree(singleStatusRecord("no-course").value()))).containsExactly(
                "approve: must name the course whose outline is approved", "outlineRevision: must be at least 1");
        assertThat(STORAGE.reviewed("globex", stale).status()).isEqualTo(CourseStatus.OUTLINE_READY);
        assertThat(STORAGE.reviewed("acme", someoneElses).status()).isEqualTo(CourseStatus.OUTLINE_READY);
        assertThat(recordsSoFar(Topics.COURSE_REQUESTS + Topics.DEAD_LETTER_SUFFIX, stale)).hasSize(1);
    }

    @Test
    void aRequestIdReusedForADifferentRequestIsRejectedNamingTheFirstCourse() throws Exception {
        String requestId = "req-reused-" + UUID.randomUUID();
        String first = "First use " + UUID.randomUUID();
        submit(requestId, "acme", ACME_KEY, """
                {"topic": "%s", "requestId": "%s"}""".formatted(first, requestId));
        String courseId = awaitCreated(first).courseId();

        submit(requestId, "acme", ACME_KEY, """
                {"topic": "Something else entirely", "requestId": "%s"}""".formatted(requestId));

        JsonNode rejection = json.readTree(awaitRecord(Topics.COURSE_STATUS, requestId).value());
        assertThat(rejection.path("tenantId").asString()).isEqualTo("acme");
        assertThat(reasons(rejection)).singleElement().asString()
                .contains("requestId", "already used for a different request", courseId);
        assertThat(STORAGE.created()).filteredOn(created -> requestId.equals(created.idempotencyKey()))
                .extracting(FakeStorage.Created::courseId).containsExactly(courseId);
        assertThat(recordsSoFar(Topics.COURSE_REQUESTS + Topics.DEAD_LETTER_SUFFIX, requestId)).hasSize(1);
    }

    @Test
    void aSubmissionStorageFailedToTakeAtFirstIsStoredWhenKafkaRedeliversIt() throws Exception {
        STORAGE.answerOnce("POST", "globex", NEW_COURSES, 500, "application/problem+json", "{\"status\":500}");
        String requestId = "req-storage-hiccup-" + UUID.randomUUID();
        String topic = "Submitted during a storage hiccup " + UUID.randomUUID();

        submit(requestId, "globex", GLOBEX_KEY, """
                {"topic": "%s", "requestId": "%s"}""".formatted(topic, requestId));

        FakeStorage.Created created = awaitCreated(topic);
        assertThat(created.tenant()).isEqualTo("globex");
        assertThat(created.idempotencyKey()).isEqualTo(requestId);
        assertThat(offeredUnder(requestId)).hasSize(2);
    }

    @Test
    void aSubmissionStorageCouldNotTakeThroughItsRetriesIsAnsweredSoItsSubmitterSendsItAgain() throws Exception {
        STORAGE.answer("POST", "globex", NEW_COURSES, 500, "application/problem+json", "{\"status\":500}");
        String requestId = "req-storage-down-" + UUID.randomUUID();

        submit(requestId, "globex", GLOBEX_KEY, """
                {"topic": "Submitted while storage is down", "requestId": "%s"}""".formatted(requestId));

        JsonNode rejection = json.readTree(awaitRecord(Topics.COURSE_STATUS, requestId).value());
        assertThat(rejection.path("tenantId").asString()).isEqualTo("globex");
        assertThat(reasons(rejection)).containsExactly(GivenUpSubmissions.REASON);
        assertThat(offeredUnder(requestId)).hasSize(2);
        assertThat(STORAGE.created()).noneMatch(created -> requestId.equals(created.idempotencyKey()));
    }

    @Test
    void aSubmissionOverTheTenantsLimitsIsRejectedSayingWhichLimitAndNothingIsStored() throws Exception {
        STORAGE.answer("POST", "globex", NEW_COURSES, 200, "application/json", """
                {"outcome": "REFUSED", "course": null, "status": null,
                 "refusal": {"reason": "QUEUE_FULL", "detail": "You have 500 courses waiting to start", "retryAfterSeconds": 30}}""");
        String requestId = "req-over-limit-" + UUID.randomUUID();

        submit(requestId, "globex", GLOBEX_KEY, """
                {"topic": "One course too many", "requestId": "%s"}""".formatted(requestId));

        JsonNode rejection = json.readTree(awaitRecord(Topics.COURSE_STATUS, requestId).value());
        assertThat(rejection.path("tenantId").asString()).isEqualTo("globex");
        assertThat(reasons(rejection)).containsExactly("queue-full: You have 500 courses waiting to start");
        assertThat(offeredUnder(requestId)).as("a refusal is final: not offered again").hasSize(1);
        assertThat(recordsSoFar(Topics.COURSE_REQUESTS + Topics.DEAD_LETTER_SUFFIX, requestId)).hasSize(1);
    }

    private RecordMetadata submit(String key, String tenant, String apiKey, String value) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.COURSE_REQUESTS, key, value);
        if (tenant != null) {
            record.headers().add(CourseSubmission.TENANT_HEADER, tenant.getBytes(StandardCharsets.UTF_8));
        }
        if (apiKey != null) {
            record.headers().add(CourseSubmission.API_KEY_HEADER, apiKey.getBytes(StandardCharsets.UTF_8));
        }
        return producer.send(record).get();
    }

    /** The course storage created about this topic, once it has. */
    private static FakeStorage.Created awaitCreated(String courseTopic) {
        AtomicReference<FakeStorage.Created> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            STORAGE.created().stream().filter(created -> created.topic().equals(courseTopic)).findFirst()
                    .ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    /** What the gateway offered storage under this idempotency key, every attempt. */
    private List<JsonNode> offeredUnder(String idempotencyKey) {
        return STORAGE.bodies(NEW_COURSES).stream().map(sent -> json.readTree(sent.body()))
                .filter(sent -> sent.path("idempotencyKey").asString().equals(idempotencyKey))
                .toList();
    }

    private List<ConsumerRecord<String, String>> statusRecordsSoFar(String key) {
        return recordsSoFar(Topics.COURSE_STATUS, key);
    }

    private ConsumerRecord<String, String> singleStatusRecord(String key) {
        ConsumerRecord<String, String> first = awaitRecord(Topics.COURSE_STATUS, key);
        assertThat(statusRecordsSoFar(key)).as("rejections of %s", key).hasSize(1);
        return first;
    }

    private static List<String> reasons(JsonNode rejection) {
        List<String> reasons = new ArrayList<>();
        rejection.path("reasons").forEach(reason -> reasons.add(reason.asString()));
        return reasons;
    }

    private static OutlineDraft reviewedOutline() {
        return new OutlineDraft("Kafka for SREs", "Running Kafka in production", "SREs", List.of(),
                List.of("Explain partitions", "Configure producers", "Diagnose lag"),
                List.of(new OutlineDraft.DraftModule("Foundations", List.of(new OutlineDraft.DraftLesson("Partitions",
                        "How a topic is split", List.of("Explain partitions"), List.of("partition"), 15)))));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
