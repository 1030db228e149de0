package io.coursegen.storage.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The final transition is metered from the document it wrote, without reading anything else. */
class CourseMeteringTest {

    private static final Instant REQUESTED = Instant.parse("2026-11-29T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CourseMetering metering = new CourseMetering(null,
            new PipelineMeters(registry, new PricingProperties(Map.of())));

    @Test
    void timesACompletedCourseFromItsRequestAndItsAssemblyFromTheLastPart() {
        metering.courseFinished(new Document("status", "COMPLETED")
                .append("requestedAt", at(0))
                .append("completedAt", at(125))
                .append("lessons", new Document("lesson-01", new Document("generatedAt", at(100))))
                .append("images", new Document("cover", new Document("generatedAt", at(120)))
                        .append("lesson-01", new Document("generatedAt", at(90)))));

        assertThat(registry.get("coursegen.courses.completed").counter().count()).isEqualTo(1);
        assertThat(registry.get("coursegen.course.duration").tag("outcome", "completed").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(125);
        assertThat(registry.get("coursegen.stage.duration").tag("stage", "assembly").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(5);
    }

    @Test
    void timesAFailedCourseUntilItsLastUpdateAndAssemblesNothing() {
        metering.courseFinished(new Document("status", "FAILED")
                .append("requestedAt", at(0))
                .append("updatedAt", at(30)));

        assertThat(registry.get("coursegen.courses.failed").counter().count()).isEqualTo(1);
        assertThat(registry.get("coursegen.course.duration").tag("outcome", "failed").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(30);
        assertThat(registry.get("coursegen.stage.duration").tag("stage", "assembly").timer().count()).isZero();
    }

    @Test
    void aRegeneratedLessonFinishingIsNotAnotherCourse() {
        metering.courseFinished(new Document("status", "COMPLETED")
                .append("requestedAt", at(0))
                .append("completedAt", at(500))
                .append("regenerations", new Document("lesson-01", new Document("lessonId", "lesson-01"))));

        assertThat(registry.get("coursegen.courses.completed").counter().count()).isZero();
        assertThat(registry.get("coursegen.course.duration").tag("outcome", "completed").timer().count()).isZero();
    }

    private static Date at(long seconds) {
        return Date.from(REQUESTED.plusSeconds(seconds));
    }
}
