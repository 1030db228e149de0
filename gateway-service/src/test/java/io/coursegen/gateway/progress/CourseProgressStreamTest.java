package io.coursegen.gateway.progress;

import static io.coursegen.contracts.CourseStatus.COMPLETED;
import static io.coursegen.contracts.CourseStatus.FAILED;
import static io.coursegen.contracts.CourseStatus.GENERATING;
import static io.coursegen.contracts.CourseStatus.OUTLINE_READY;
import static io.coursegen.contracts.CourseStatus.QUEUED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.FakeStorage;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import io.coursegen.gateway.auth.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

@WithEmbeddedKafka
class CourseProgressStreamTest extends GatewayTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    CourseStatusUpdates updates;

    private final String courseId = UUID.randomUUID().toString();

    /**
     * The listener starts at the latest offset once it has its partitions, so wait until a record on each
     * partition has come through before publishing anything a test relies on.
     */
    @BeforeEach
    void listenerReadsEveryPartition() {
        for (int partition = 0; partition < 2; partition++) {
            String probe = "probe-" + partition;
            List<CourseStatusChanged> seen = new CopyOnWriteArrayList<>();
            Disposable watching = updates.of(probe, new Tenant("probe")).subscribe(seen::add);
            int target = partition;
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                kafka.send(Topics.COURSE_STATUS, target, probe,
                        new CourseStatusChanged(probe, "probe", GENERATING, 1, 2, null, Instant.now())).join();
                return !seen.isEmpty();
            });
            watching.dispose();
        }
    }

    @Test
    void streamsTheStoredSnapshotThenLiveProgressAndEndsAfterTheFinalStatus() {
        STORAGE.course("acme", courseId, course("GENERATING", 3, 14, null));

        StepVerifier.create(statusEvents(ACME_KEY))
                .assertNext(event -> assertEvent(event, "3-GENERATING", "GENERATING", 3, 14, 21))
                .then(() -> publish(GENERATING, 4, 14, null))
                .assertNext(event -> assertEvent(event, "4-GENERATING", "GENERATING", 4, 14, 28))
                .then(() -> publish(COMPLETED, 14, 14, null))
                .assertNext(event -> assertEvent(event, "14-COMPLETED", "COMPLETED", 14, 14, 100))
                .expectComplete()
                .verify(PATIENCE);
    }

    @Test
    void otherCoursesRepeatsAndOlderUpdatesAreNotStreamed() {
        STORAGE.course("acme", courseId, course("GENERATING", 5, 14, null));

        StepVerifier.create(statusEvents(ACME_KEY))
                .assertNext(event -> assertEvent(event, "5-GENERATING", "GENERATING", 5, 14, 35))
                .then(() -> {
                    publish(UUID.randomUUID().toString(), "acme", GENERATING, 9, 14, null);
                    publish(courseId, "globex", GENERATING, 10, 14, null);
                    publish(GENERATING, 4, 14, null);
                    publish(GENERATING, 5, 14, null);
                    publish(FAILED, 5, 14, "deadline passed; missing lesson:lesson-03");
                })
                .assertNext(event -> {
                    assertEvent(event, "5-FAILED", "FAILED", 5, 14, 35);
                    assertThat(data(event).path("error").asString()).isEqualTo("deadline passed; missing lesson:lesson-03");
                })
                .expectComplete()
                .verify(PATIENCE);
    }

    @Test
    void aReviewedCoursesStreamShowsOutlineReadyAndGoesOnUntilTheCourseIsFinal() {
        STORAGE.course("acme", courseId, course("OUTLINING", 0, 0, null));

        StepVerifier.create(statusEvents(ACME_KEY))
                .assertNext(event -> assertEvent(event, "0-OUTLINING", "OUTLINING", 0, 0, 0))
                .then(() -> publish(OUTLINE_READY, 0, 14, null))
                .assertNext(event -> assertEvent(event, "0-OUTLINE_READY", "OUTLINE_READY", 0, 14, 0))
                // approved, the course is QUEUED again until admitted: the stream keeps showing the outline till then
                .then(() -> {
                    publish(QUEUED, 0, 14, null);
                    publish(GENERATING, 1, 14, null);
                })
                .assertNext(event -> assertEvent(event, "1-GENERATING", "GENERATING", 1, 14, 7))
                .then(() -> publish(COMPLETED, 14, 14, null))
                .assertNext(event -> assertEvent(event, "14-COMPLETED", "COMPLETED", 14, 14, 100))
                .expectComplete()
                .verify(PATIENCE);
    }

    @Test
    void courseThatIsAlreadyFinalGivesOneEventAndEndsGivingItsSlotBack() {
        STORAGE.course("acme", courseId, course("COMPLETED", 14, 14, null));

        StepVerifier.create(statusEvents(ACME_KEY))
                .assertNext(event -> assertEvent(event, "14-COMPLETED", "COMPLETED", 14, 14, 100))
                .expectComplete()
                .verify(PATIENCE);
        await().atMost(PATIENCE).until(() -> STORAGE.slotsHeld("acme") == 0);
    }

    @Test
    void idleStreamSendsHeartbeatComments() {
        STORAGE.course("acme", courseId, course("OUTLINING", 0, 14, null));

        StepVerifier.create(allEvents(ACME_KEY))
                .assertNext(event -> assertThat(event.event()).isEqualTo("status"))
                .assertNext(event -> {
                    assertThat(event.comment()).isEqualTo("heartbeat");
                    assertThat(event.data()).isNull();
                })
                .thenCancel()
                .verify(PATIENCE);
    }

    @Test
    void courseOfAnotherTenantIsStorages404Problem() {
        STORAGE.course("acme", courseId, course("GENERATING", 3, 14, null));

        JsonNode problem = problem(client.get().uri("/api/v1/courses/{id}/events", courseId)
                .header(API_KEY, GLOBEX_KEY)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange(), 404);

        assertThat(problem.path("detail").asString()).isEqualTo("No such course");
        // the slot taken before the course was read is given back
        await().atMost(PATIENCE).until(() -> STORAGE.slotsHeld("globex") == 0);
    }

    @Test
    void storageThatCannotBeAskedForASlotIsA503Problem() {
        STORAGE.course("acme", courseId, course("GENERATING", 3, 14, null));
        String take = FakeStorage.SLOTS + "/" + ProgressStreams.SLOTS + "?limit=3&leaseSeconds=30";
        STORAGE.dropConnection("acme", take);
        try {
            problem(client.get().uri("/api/v1/courses/{id}/events", courseId).header(API_KEY, ACME_KEY)
                    .accept(MediaType.TEXT_EVENT_STREAM).exchange(), 503);
        } finally {
            STORAGE.forgetAnswers("POST", take);
        }
    }

    @Test
    void unreadableSnapshotIsA503() {
        STORAGE.course("acme", courseId, "{\"status\":\"NOT_A_STATUS\"}");

        problem(client.get().uri("/api/v1/courses/{id}/events", courseId).header(API_KEY, ACME_KEY).exchange(), 503);
    }

    private Flux<ServerSentEvent<String>> statusEvents(String apiKey) {
        return allEvents(apiKey).filter(event -> "status".equals(event.event()));
    }

    private Flux<ServerSentEvent<String>> allEvents(String apiKey) {
        return client.get().uri("/api/v1/courses/{id}/events", courseId)
                .header(API_KEY, apiKey)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .getResponseBody();
    }

    private void assertEvent(ServerSentEvent<String> event, String id, String status, int done, int total, int percent) {
        assertThat(event.event()).isEqualTo("status");
        assertThat(event.id()).isEqualTo(id);
        JsonNode data = data(event);
        assertThat(data.propertyNames()).containsExactlyInAnyOrder(
                "courseId", "status", "partsDone", "partsTotal", "percent", "error", "at");
        assertThat(data.path("courseId").asString()).isEqualTo(courseId);
        assertThat(data.path("status").asString()).isEqualTo(status);
        assertThat(data.path("partsDone").asInt()).isEqualTo(done);
        assertThat(data.path("partsTotal").asInt()).isEqualTo(total);
        assertThat(data.path("percent").asInt()).isEqualTo(percent);
        assertThat(Instant.parse(data.path("at").asString())).isNotNull();
    }

    private JsonNode data(ServerSentEvent<String> event) {
        return json.readTree(event.data());
    }

    private void publish(CourseStatus status, int done, int total, String error) {
        publish(courseId, "acme", status, done, total, error);
    }

    private void publish(String id, String tenant, CourseStatus status, int done, int total, String error) {
        kafka.send(Topics.COURSE_STATUS, id, new CourseStatusChanged(id, tenant, status, done, total, error, Instant.now()))
                .join();
    }

    private String course(String status, int done, int total, String error) {
        return """
                {"courseId": "%s", "status": "%s",
                 "request": {"topic": "Kafka", "audience": "SREs", "level": "beginner", "language": "en",
                             "lessonCount": 6, "includeQuiz": true, "imageStyle": "flat"},
                 "progress": {"partsDone": %d, "partsTotal": %d, "percent": 0},
                 "outline": null, "cover": null, "lessons": [], "usage": {"llmCalls": 1}, "failures": [],
                 "error": %s, "createdAt": "2026-01-01T10:00:00Z", "updatedAt": "2026-01-01T10:05:00Z",
                 "completedAt": null}""".formatted(courseId, status, done, total,
                error == null ? "null" : "\"" + error + "\"");
    }
}
