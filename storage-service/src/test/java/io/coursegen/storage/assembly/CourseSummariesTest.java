package io.coursegen.storage.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.CourseStatusChanged;
import io.coursegen.storage.course.StoredCourse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CourseSummariesTest {

    private static final CourseSpec SPEC = new CourseSpec("Quantum computing", "product managers", "beginner", "ja", 2,
            true, "flat");
    private static final StoredCourse.StoredOutline OUTLINE = new StoredCourse.StoredOutline("Quantum for PMs",
            "A short course", "product managers", List.of(), List.of("Describe superposition"));

    @Test
    void aCompletedCourseIsSummarisedWithTheGatewayPathsOfTheCourseAndEveryExport() {
        CourseStatusChanged.Summary summary = CourseSummaries.of(course(CourseStatus.COMPLETED, OUTLINE));

        assertThat(summary.title()).isEqualTo("Quantum for PMs");
        assertThat(summary.description()).isEqualTo("A short course");
        assertThat(summary.language()).isEqualTo("ja");
        assertThat(summary.lessonCount()).isEqualTo(2);
        assertThat(summary.links().course()).isEqualTo("/api/v1/courses/c-1");
        assertThat(summary.links().exports()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "json", "/api/v1/courses/c-1/export?format=json",
                "markdown", "/api/v1/courses/c-1/export?format=markdown",
                "html", "/api/v1/courses/c-1/export?format=html",
                "scorm12", "/api/v1/courses/c-1/export?format=scorm12"));
    }

    @Test
    void everyOtherStatusHasNoSummary() {
        for (CourseStatus status : CourseStatus.values()) {
            if (status != CourseStatus.COMPLETED) {
                assertThat(CourseSummaries.of(course(status, OUTLINE))).as(status.name()).isNull();
            }
        }
    }

    private static StoredCourse course(CourseStatus status, StoredCourse.StoredOutline outline) {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        return new StoredCourse("c-1", "acme", status, SPEC, outline, Map.of(), Map.of(), null, Map.of(), 7, 6, 6,
                null, now, now, status == CourseStatus.COMPLETED ? now : null);
    }
}
