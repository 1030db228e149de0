package io.coursegen.storage.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadlineFailureTest {

    @Test
    void beforeTheOutlineOnlyTheOutlineIsMissing() {
        CourseParts parts = new CourseParts(CourseStatus.QUEUED, null, 2, false, Set.of(), Set.of("lesson-01"),
                Set.of("cover"), Map.of());

        DeadlineFailure failure = DeadlineFailure.of(parts, Duration.ofMinutes(30));

        assertThat(failure.missingParts()).containsExactly("outline");
        assertThat(failure.error()).isEqualTo("Not finished within 30m; missing: outline");
    }

    @Test
    void afterTheOutlineTheMissingLessonsThenTheMissingPicturesAreNamedCoverFirst() {
        CourseParts parts = new CourseParts(CourseStatus.GENERATING, null, 3, true,
                Set.of("lesson-01", "lesson-02", "lesson-03"), Set.of("lesson-01", "lesson-03"),
                Set.of("lesson-01", "lesson-02"), Map.of());

        DeadlineFailure failure = DeadlineFailure.of(parts, Duration.ofMinutes(90));

        assertThat(failure.missingParts())
                .containsExactly("lesson:lesson-02", "image:cover", "image:lesson-03");
        assertThat(failure.error()).isEqualTo(
                "Not finished within 1h30m; missing: lesson:lesson-02, image:cover, image:lesson-03");
    }

    @Test
    void aLessonWhoseRegenerationStillWaitsCountsAsMissing() {
        // CourseParts leaves parts a regeneration waits for out of the written lessons and pictures
        CourseParts parts = new CourseParts(CourseStatus.GENERATING, null, 1, true, Set.of("lesson-01"), Set.of(),
                Set.of("cover"), Map.of());

        assertThat(DeadlineFailure.of(parts, Duration.ofSeconds(2)).error())
                .isEqualTo("Not finished within 2s; missing: lesson:lesson-01, image:lesson-01");
    }

    @Test
    void durationsReadAsTheyAreConfigured() {
        assertThat(List.of(Duration.ofMinutes(30), Duration.ofSeconds(2), Duration.ofMillis(1500),
                Duration.ofHours(2), Duration.ofDays(1).plusMinutes(5), Duration.ZERO).stream()
                .map(DeadlineFailure::format))
                .containsExactly("30m", "2s", "1500ms", "2h", "1d5m", "0s");
    }

    @Test
    void lateArrivalsKeepTheDeadlineErrorOfAFailedCourse() {
        String error = "Not finished within 30m; missing: lesson:lesson-02";
        CourseParts parts = new CourseParts(CourseStatus.FAILED, error, 2, true, Set.of("lesson-01", "lesson-02"),
                Set.of("lesson-01", "lesson-02"), Set.of("cover", "lesson-01", "lesson-02"),
                Map.of("lesson:lesson-02", DeadlineFailure.REASON, "image:cover", "late failure"));

        StatusDecision decision = StatusDecision.of(parts);

        assertThat(decision).isEqualTo(new StatusDecision(CourseStatus.FAILED, 6, 6, error));
    }
}
