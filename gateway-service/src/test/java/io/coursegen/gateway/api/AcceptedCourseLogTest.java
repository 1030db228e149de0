package io.coursegen.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.coursegen.gateway.GatewayTestSupport;
import io.coursegen.gateway.WithEmbeddedKafka;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

/**
 * What an operator's log search finds for a new course: the gateway's line carries it and its tenant as fields (the
 * MDC that the JSON encoder writes as {@code courseId}, {@code tenant}, {@code traceId}).
 */
@WithEmbeddedKafka
class AcceptedCourseLogTest extends GatewayTestSupport {

    private final Logger intakeLog = (Logger) LoggerFactory.getLogger(CourseIntake.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void listen() {
        lines.start();
        intakeLog.addAppender(lines);
    }

    @AfterEach
    void stopListening() {
        intakeLog.detachAppender(lines);
    }

    @Test
    void theAcceptedCourseLineCarriesCourseIdTenantAndTraceAsFields() {
        byte[] answer = client.post().uri("/api/v1/courses")
                .header(API_KEY, ACME_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"topic\":\"Quantum computing\",\"lessonCount\":2}")
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().returnResult().getResponseBody();
        String courseId = json.readTree(answer).path("courseId").asString();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(acceptedLineFields(courseId)).isNotNull());
        assertThat(acceptedLineFields(courseId))
                .containsEntry("courseId", courseId)
                .containsEntry("tenant", "acme")
                .hasEntrySatisfying("traceId", traceId -> assertThat(traceId).matches("[0-9a-f]{32}"));
    }

    private Map<String, String> acceptedLineFields(String courseId) {
        return lines.list.stream()
                .filter(line -> line.getFormattedMessage().startsWith("Accepted course " + courseId))
                .map(ILoggingEvent::getMDCPropertyMap)
                .findFirst().orElse(null);
    }
}
