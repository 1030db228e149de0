package io.coursegen.image.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import io.coursegen.contracts.CoursePartFailed;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import tools.jackson.databind.json.JsonMapper;

class PartFailedReporterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, Object> kafka = mock(KafkaTemplate.class);
    private final PartFailedReporter reporter = new PartFailedReporter(kafka, JSON);

    @BeforeEach
    void acknowledgeSends() {
        when(kafka.send(anyString(), anyString(), any())).thenReturn(CompletableFuture.completedFuture(null));
    }

    @Test
    void reportsTheRequestedPictureAsFailedWithTheStepAndWhatTheModelServerSaid() {
        ImageRequested request = new ImageRequested("course-1", "tenant-a", "lesson-03", "lesson-03", "Course",
                "Subject", "Summary", List.of("x"), "everyone", "en", "flat");
        Exception cause = new ListenerExecutionFailedException("Listener failed",
                new PictureStepException("Drawing the picture", new InternalServerException(new HttpException(500,
                        "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"))));

        reporter.deadLettered(record("course-1", JSON.writeValueAsBytes(request)), cause);

        CoursePartFailed failed = sent();
        assertThat(failed.courseId()).isEqualTo("course-1");
        assertThat(failed.partId()).isEqualTo("image:lesson-03");
        assertThat(failed.reason())
                .isEqualTo("Drawing the picture failed: the model server answered HTTP 500: The server had an error");
        assertThat(failed.failedAt()).isNotNull();
    }

    @Test
    void reportsTheInnermostMessageWhenNoStepIsNamed() {
        Exception cause = new ListenerExecutionFailedException("Listener failed",
                new IllegalStateException("wrapper", new IllegalArgumentException("no imageId")));

        reporter.deadLettered(record("course-4", "{}".getBytes(StandardCharsets.UTF_8)), cause);

        assertThat(sent().reason()).isEqualTo("The picture could not be generated: no imageId");
    }

    @Test
    void reportsAnUnreadableRecordUnderItsKeyAsAnUnknownPart() {
        reporter.deadLettered(record("course-2", "not json".getBytes(StandardCharsets.UTF_8)), new RuntimeException("bad"));

        CoursePartFailed failed = sent();
        assertThat(failed.courseId()).isEqualTo("course-2");
        assertThat(failed.partId()).isEqualTo("unknown:" + Topics.IMAGE_REQUESTED);
    }

    @Test
    void reportsNothingWhenNoCourseCanBeNamed() {
        reporter.deadLettered(record(null, "not json".getBytes(StandardCharsets.UTF_8)), new RuntimeException("bad"));

        verify(kafka, never()).send(anyString(), anyString(), any());
    }

    @Test
    void keepsTheReasonShort() {
        reporter.deadLettered(record("course-3", "{}".getBytes(StandardCharsets.UTF_8)), new RuntimeException("x".repeat(2000)));

        assertThat(sent().reason()).hasSize(500).endsWith("…");
    }

    private CoursePartFailed sent() {
        ArgumentCaptor<Object> value = ArgumentCaptor.forClass(Object.class);
        verify(kafka).send(org.mockito.ArgumentMatchers.eq(Topics.COURSE_PART_FAILED), anyString(), value.capture());
        return (CoursePartFailed) value.getValue();
    }

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>(Topics.IMAGE_REQUESTED, 1, 42L, key, value);
    }
}
