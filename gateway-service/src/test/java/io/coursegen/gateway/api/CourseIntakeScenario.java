package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.Topics;
import io.coursegen.gateway.GatewayTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

/** What a client and the pipeline see of a course request; run against an embedded and a real broker. */
abstract class CourseIntakeScenario extends GatewayTestSupport {

    @Test
    void acceptedRequestIsQueuedAndPublishedForTheCallersTenantWithEveryDefault() {
        Instant before = Instant.now();

        JsonNode accepted = submit(ACME_KEY, """
                {"topic": "  Quantum computing for product managers  "}""");

        String courseId = accepted.path("courseId").asString();
        assertThat(accepted.path("status").asString()).isEqualTo("QUEUED");
        ConsumerRecord<String, String> record = awaitRecord(Topics.COURSE_REQUESTED, courseId);
        assertThat(record.key()).isEqualTo(courseId);
        assertThat(record.headers().toArray()).extracting(Header::key)
                .as("CloudEvents attributes and the trace, no type headers")
                .allMatch(header -> header.startsWith("ce_") || header.equals("content-type") || header.equals("traceparent"));
        assertThat(record.headers().lastHeader("traceparent").value()).asString(StandardCharsets.UTF_8)
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(record.headers().lastHeader("ce_type").value()).asString(StandardCharsets.UTF_8)
                .isEqualTo("io.coursegen.course.requested.v1");
        assertThat(record.headers().lastHeader("ce_source").value()).asString(StandardCharsets.UTF_8)
                .isEqualTo("/coursegen/gateway-service");
        assertThat(record.headers().lastHeader("ce_subject").value()).asString(StandardCharsets.UTF_8).isEqualTo(courseId);
        CourseRequested requested = json.readValue(record.value(), CourseRequested.class);
        assertThat(requested.courseId()).isEqualTo(courseId);
        assertThat(requested.tenantId()).isEqualTo("acme");
        assertThat(requested.spec()).isEqualTo(new CourseSpec("Quantum computing for product managers",
                "general learners", "beginner", "en", 6, true, "clean flat illustration"));
        assertThat(requested.requestedAt()).isBetween(before.minus(Duration.ofSeconds(1)), Instant.now());
    }

    @Test
    void anAcceptedCourseIsStoredAsQueuedAtStorageSoAnyGatewayCanReadIt() {
        String courseId = submit(ACME_KEY, """
                {"topic": "Reading after writing"}""").path("courseId").asString();

        assertThat(STORAGE.bodies("/internal/v1/courses")).anySatisfy(body -> {
            CourseRequested queued = json.readValue(body.body(), CourseRequested.class);
            assertThat(queued.courseId()).isEqualTo(courseId);
            assertThat(queued.tenantId()).isEqualTo("acme");
            assertThat(queued.spec().topic()).isEqualTo("Reading after writing");
        });
        assertThat(STORAGE.received("/internal/v1/courses")).anySatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.tenant()).isEqualTo("acme");
        });
    }

    @Test
    void storageBeingDownDoesNotStopCoursesBeingAccepted() {
        STORAGE.answer("POST", "globex", "/internal/v1/courses", 503, "application/problem+json", "{\"status\":503}");

        String courseId = submit(GLOBEX_KEY, """
                {"topic": "Writing while reads are down"}""").path("courseId").asString();

        assertThat(awaitRecord(Topics.COURSE_REQUESTED, courseId).key()).isEqualTo(courseId);
    }

    @Test
    void givenValuesArePublishedNormalisedAndUnknownFieldsAreIgnored() {
        JsonNode accepted = submit(GLOBEX_KEY, """
                {"topic": "Kafka for SREs", "audience": "site reliability engineers", "level": "ADVANCED",
                 "language": "zh-tw", "lessonCount": 3, "includeQuiz": false, "imageStyle": "ink sketch",
                 "priority": "urgent", "extra": {"nested": [1, 2]}}""");

        CourseRequested requested = json.readValue(
                awaitRecord(Topics.COURSE_REQUESTED, accepted.path("courseId").asString()).value(), CourseRequested.class);
        assertThat(requested.tenantId()).isEqualTo("globex");
        assertThat(requested.spec()).isEqualTo(new CourseSpec("Kafka for SREs", "site reliability engineers",
                "advanced", "zh-TW", 3, false, "ink sketch"));
    }

    private JsonNode submit(String apiKey, String body) {
        EntityExchangeResult<byte[]> result = client.post().uri("/api/v1/courses")
                .header(API_KEY, apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isAccepted()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult();
        JsonNode accepted = json.readTree(result.getResponseBody());
        String courseId = accepted.path("courseId").asString();
        assertThat(courseId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.LOCATION)).isEqualTo("/api/v1/courses/" + courseId);
        return accepted;
    }
}
