package io.coursegen.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

class PartFailureReporterTest {

    /** Stands in for a service's request type. */
    record WorkRequested(String courseId, String lessonId) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, Object> kafka = mock(KafkaTemplate.class);
    private final PartFailureReporter<WorkRequested> reporter = new PartFailureReporter<>(WorkRequested.class,
            WorkRequested::courseId, request -> request.lessonId() == null ? null : "lesson:" + request.lessonId(),
            FailureReasons::rootCause, kafka, JSON);

    @BeforeEach
    void acknowledgeSends() {
        when(kafka.send(anyString(), anyString(), any())).thenReturn(CompletableFuture.completedFuture(null));
    }

    @Test
    void reportsTheRequestedPartAsFailedWithTheReason() {
        Instant before = Instant.now();

        reporter.deadLettered(record("course-1", JSON.writeValueAsBytes(new WorkRequested("course-1", "lesson-03"))),
                new RuntimeException("wrapper", new IllegalStateException("the model timed out")));

        CoursePartFailed failed = sent();
        assertThat(failed.courseId()).isEqualTo("course-1");
        assertThat(failed.partId()).isEqualTo("lesson:lesson-03");
        assertThat(failed.reason()).isEqualTo("the model timed out");
        assertThat(failed.failedAt()).isAfterOrEqualTo(before);
    }

    @Test
    void reportsAnUnreadableRecordUnderItsKeyAsAnUnknownPart() {
        reporter.deadLettered(record("course-2", "not json".getBytes(StandardCharsets.UTF_8)), new RuntimeException("bad"));

        assertThat(sent()).extracting(CoursePartFailed::courseId, CoursePartFailed::partId)
                .containsExactly("course-2", "unknown:work.requested");
    }

    @Test
    void reportsARequestThatCannotNameItsPartUnderItsKey() {
        reporter.deadLettered(record("course-3", "{\"courseId\":\"course-3\"}".getBytes(StandardCharsets.UTF_8)),
                new RuntimeException("no lesson"));

        assertThat(sent().partId()).isEqualTo("unknown:work.requested");
    }

    @Test
    void reportsNothingWhenNoCourseCanBeNamed() {
        reporter.deadLettered(record(null, "not json".getBytes(StandardCharsets.UTF_8)), new RuntimeException("bad"));

        verify(kafka, never()).send(anyString(), anyString(), any());
    }

    private CoursePartFailed sent() {
        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(kafka).send(eq(Topics.COURSE_PART_FAILED), anyString(), value.capture());
        return (CoursePartFailed) value.getValue();
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("work.requested", 1, 42L, key, value);
    }
}
