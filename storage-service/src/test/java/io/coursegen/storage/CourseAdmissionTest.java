package io.coursegen.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Topics;
import io.coursegen.testkit.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The waiting room on embedded infrastructure, in a context of its own with two places, so other tests' running
 * courses cannot take them.
 */
@Import(AsAGateway.Client.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AsAGateway.SECRET_PROPERTY,
        "spring.config.name=storage-service",
        "coursegen.kafka.partitions=2",
        "coursegen.kafka.retry.initial-interval=100ms",
        "coursegen.kafka.retry.retries=1",
        "coursegen.admission.max-in-flight=2",
        "coursegen.admission.sweep-interval=200ms"})
@AutoConfigureWebTestClient
@EmbeddedKafka(partitions = 2, bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class CourseAdmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final String TENANT_HEADER = "X-Coursegen-Tenant";

    @Autowired
    WebTestClient web;
    @Autowired
    JsonMapper json;
    @Autowired
    MeterRegistry meters;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    /** Courses this test created, by id, with their tenant. */
    private final Map<String, String> created = new LinkedHashMap<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        EmbeddedStores.register(registry, "admission-test", "admission-test-secret");
    }

    @Test
    void aBurstWaitsBeyondTheFreePlacesAndAnotherTenantsCourseTakesTheNextOneThatFrees() {
        String burstTenant = "tenant-a-" + UUID.randomUUID();
        String smallTenant = "tenant-b-" + UUID.randomUUID();
        double admittedBefore = meters.get("coursegen.admission.wait").timer().count();
        Instant start = Instant.now();
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String courseId = "a" + i + "-" + UUID.randomUUID();
            burst.add(courseId);
            request(courseId, burstTenant, start.plusMillis(i));
        }
        String single = "b-" + UUID.randomUUID();
        List<String> ours = new ArrayList<>(burst);
        ours.add(single);

        await().atMost(WAIT).untilAsserted(() -> assertThat(admitted(ours)).containsExactlyInAnyOrder(burst.get(0), burst.get(1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(burstTenant, burst.get(0))).isEqualTo("OUTLINING"));
        assertThat(status(burstTenant, burst.get(2))).isEqualTo("QUEUED");
        request(single, smallTenant, start.plusSeconds(1));
        await().during(QUIET).atMost(WAIT).untilAsserted(() -> assertThat(admitted(ours)).hasSize(2));
        assertThat(status(smallTenant, single)).isEqualTo("QUEUED");
        await().atMost(WAIT).untilAsserted(() -> assertThat(meters.get("coursegen.courses.waiting").gauge().value())
                .isEqualTo(3));

        cancel(burstTenant, burst.get(0));

        // the small tenant asked later than the burst's third course but has nothing running: it goes first
        await().atMost(WAIT).untilAsserted(() -> assertThat(admitted(ours)).hasSize(3).contains(single));
        await().during(QUIET).atMost(WAIT).untilAsserted(() -> assertThat(admitted(ours)).hasSize(3));

        cancel(burstTenant, burst.get(1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(admitted(ours)).hasSize(4).contains(burst.get(2)));
        assertThat(admitted(ours)).doesNotContain(burst.get(3));
        assertThat(meters.get("coursegen.admission.wait").timer().count() - admittedBefore).isEqualTo(4);

        // a cancelled waiting course is never admitted, and the places go back for the next test
        cancel(burstTenant, burst.get(3));
        cancel(smallTenant, single);
        cancel(burstTenant, burst.get(2));
        await().during(QUIET).atMost(WAIT).untilAsserted(() -> assertThat(admitted(ours)).hasSize(4));
    }

    @Test
    void anAdmittedCourseCarriesTheRequestAsItWasMade() {
        String tenant = "tenant-" + UUID.randomUUID();
        String courseId = "c-" + UUID.randomUUID();
        CourseRequested request = request(courseId, tenant, Instant.parse("2026-11-29T06:00:00Z"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(admittedValues(courseId)).isNotEmpty()
                .allSatisfy(admitted -> assertThat(admitted).isEqualTo(request)));
        cancel(tenant, courseId);
    }

    /** The gateway handing a new course to storage-service; its place in the queue is the order of these calls. */
    private CourseRequested request(String courseId, String tenant, Instant requestedAt) {
        CourseRequested request = new CourseRequested(courseId, tenant, new CourseSpec("Quantum computing",
                "product managers", "beginner", "en", 2, true, "flat illustration"), requestedAt);
        web.post().uri("/internal/v1/courses").header(TENANT_HEADER, tenant).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("course", request)).exchange().expectStatus().isOk();
        created.put(courseId, tenant);
        return request;
    }

    private void cancel(String tenant, String courseId) {
        web.delete().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isAccepted();
    }

    /**
     * Whatever a test leaves running (a failed assertion skips its own clean-up) is cancelled, so the next test finds
     * both places free; it then waits until the freed places were seen.
     */
    @AfterEach
    void freeThePlaces() {
        created.forEach((courseId, tenant) -> web.delete().uri("/api/v1/courses/{id}", courseId)
                .header(TENANT_HEADER, tenant).exchange());
        created.clear();
    }

    private String status(String tenant, String courseId) {
        String body = web.get().uri("/api/v1/courses/{id}", courseId).header(TENANT_HEADER, tenant).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return json.readTree(body).get("status").asString();
    }

    /** Which of these courses are on course.admitted so far (each once: announcing twice is allowed). */
    private List<String> admitted(List<String> courseIds) {
        return TopicReader.recordsSoFar(bootstrapServers, Topics.COURSE_ADMITTED).stream()
                .map(ConsumerRecord::key).filter(courseIds::contains).distinct().toList();
    }

    private List<CourseRequested> admittedValues(String courseId) {
        return TopicReader.recordsSoFar(bootstrapServers, Topics.COURSE_ADMITTED, courseId).stream()
                .map(record -> json.readValue(record.value(), CourseRequested.class)).toList();
    }
}
