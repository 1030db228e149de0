package io.coursegen.storage.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseStatus;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusDecisionTest {

    private static final Set<String> PLANNED = Set.of("lesson-01", "lesson-02");
    private static final Set<String> ALL_IMAGES = Set.of("cover", "lesson-01", "lesson-02");

    @Test
    void outlineEveryLessonAndEveryPictureCompleteTheCourse() {
        StatusDecision decision = decide(CourseStatus.GENERATING, 2, true, PLANNED, PLANNED, ALL_IMAGES, Map.of());

        assertThat(decision).isEqualTo(new StatusDecision(CourseStatus.COMPLETED, 6, 6, null));
    }

    @Test
    void aMissingPictureKeepsTheCourseGenerating() {
        StatusDecision decision = decide(CourseStatus.GENERATING, 2, true, PLANNED, PLANNED,
                Set.of("lesson-01", "lesson-02"), Map.of());

        assertThat(decision).isEqualTo(new StatusDecision(CourseStatus.GENERATING, 5, 6, null));
    }

    @Test
    void theCoverIsAPartOfItsOwn() {
        StatusDecision decision = decide(CourseStatus.GENERATING, 2, true, PLANNED, Set.of("lesson-01"),
                Set.of("cover"), Map.of());

        assertThat(decision.partsDone()).isEqualTo(3);
        assertThat(decision.status()).isEqualTo(CourseStatus.GENERATING);
    }

    @Test
    void beforeTheOutlineTheCourseIsQueuedAndTheTotalComesFromTheRequest() {
        StatusDecision decision = decide(CourseStatus.QUEUED, 6, false, Set.of(), Set.of(), Set.of(), Map.of());

        assertThat(decision).isEqualTo(new StatusDecision(CourseStatus.QUEUED, 0, 14, null));
    }

    @Test
    void partsThatArriveBeforeTheOutlineCountButCannotCompleteTheCourse() {
        StatusDecision decision = decide(CourseStatus.QUEUED, 2, false, Set.of(), PLANNED, ALL_IMAGES, Map.of());

        assertThat(decision).isEqualTo(new StatusDecision(CourseStatus.QUEUED, 5, 6, null));
    }

    @Test
    void theOutlineDecidesTheTotalOnceKnown() {
        StatusDecision decision = decide(CourseStatus.QUEUED, 6, true, PLANNED, Set.of(), Set.of(), Map.of());

        assertThat(decision).isEqualTo(new StatusDecision(CourseStatus.GENERATING, 1, 6, null));
    }

    @Test
    void withNeitherRequestNorOutlineTheTotalIsUnknown() {
        StatusDecision decision = decide(CourseStatus.QUEUED, null, false, Set.of(), Set.of("lesson-01"), Set.of(),
                Map.of());

        assertThat(decision).isEqualTo(new StatusDecision(CourseStatus.QUEUED, 1, 0, null));
    }

    @Test
    void partsTheOutlineDidNotPlanAreNotCounted() {
        StatusDecision decision = decide(CourseStatus.GENERATING, 2, true, PLANNED,
                Set.of("lesson-01", "lesson-07"), Set.of("cover", "lesson-07"), Map.of());

        assertThat(decision.partsDone()).isEqualTo(3);
    }

    @Test
    void aFailedPartFailsTheCourseAndTheErrorNamesEveryFailedPartWithItsReason() {
        StatusDecision decision = decide(CourseStatus.GENERATING, 2, true, PLANNED, Set.of("lesson-01"),
                Set.of("cover"), Map.of("lesson:lesson-02", "timed out", "image:cover", "moderation refused"));

        assertThat(decision.status()).isEqualTo(CourseStatus.FAILED);
        assertThat(decision.error())
                .isEqualTo("Failed parts: image:cover (moderation refused); lesson:lesson-02 (timed out)");
        assertThat(decision.partsDone()).isEqualTo(3);
    }

    @Test
    void anOutlineFailureFailsAQueuedCourse() {
        StatusDecision decision = decide(CourseStatus.QUEUED, 2, false, Set.of(), Set.of(), Set.of(),
                Map.of("outline", "invalid answer"));

        assertThat(decision.status()).isEqualTo(CourseStatus.FAILED);
        assertThat(decision.error()).isEqualTo("Failed parts: outline (invalid answer)");
    }

    @Test
    void aFailedCourseStaysFailedWhenTheMissingPartsArriveLate() {
        StatusDecision decision = decide(CourseStatus.FAILED, 2, true, PLANNED, PLANNED, ALL_IMAGES,
                Map.of("lesson:lesson-02", "timed out"));

        assertThat(decision).isEqualTo(new StatusDecision(CourseStatus.FAILED, 6, 6,
                "Failed parts: lesson:lesson-02 (timed out)"));
    }

    @Test
    void aCompletedCourseStaysCompletedWhenALateFailureArrives() {
        StatusDecision decision = decide(CourseStatus.COMPLETED, 2, true, PLANNED, PLANNED, ALL_IMAGES,
                Map.of("image:cover", "duplicate delivery"));

        assertThat(decision).isEqualTo(new StatusDecision(CourseStatus.COMPLETED, 6, 6, null));
    }

    @Test
    void aCancelledCourseStaysCancelled() {
        StatusDecision decision = decide(CourseStatus.CANCELLED, 2, true, PLANNED, PLANNED, ALL_IMAGES, Map.of());

        assertThat(decision.status()).isEqualTo(CourseStatus.CANCELLED);
    }

    @Test
    void havingEveryPartWinsOverAFailureOfAPartThatArrivedAfterAll() {
        StatusDecision decision = decide(CourseStatus.GENERATING, 2, true, PLANNED, PLANNED, ALL_IMAGES,
                Map.of("lesson:lesson-02", "first attempt dead-lettered"));

        assertThat(decision.status()).isEqualTo(CourseStatus.COMPLETED);
        assertThat(decision.error()).isNull();
    }

    @Test
    void aCourseFailedForAnotherReasonKeepsItsError() {
        CourseParts parts = new CourseParts(CourseStatus.FAILED, "deadline passed", 2, true, PLANNED, Set.of(),
                Set.of(), Map.of());

        assertThat(StatusDecision.of(parts).error()).isEqualTo("deadline passed");
    }

    private static StatusDecision decide(CourseStatus current, Integer requestedLessons, boolean outlined,
            Set<String> planned, Set<String> written, Set<String> images, Map<String, String> failures) {
        return StatusDecision.of(new CourseParts(current, null, requestedLessons, outlined, planned, written, images,
                failures));
    }
}
