package io.coursegen.storage.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Outline;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.course.StoredCourse.Regeneration;
import io.coursegen.storage.course.StoredCourse.StoredImage;
import io.coursegen.storage.course.StoredCourse.StoredLesson;
import io.coursegen.storage.course.StoredCourse.StoredOutline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusDecisionTest {

    private static final Set<String> PLANNED = Set.of("lesson-01", "lesson-02");
    private static final Set<String> ALL_IMAGES = Set.of("cover", "lesson-01", "lesson-02");

    @Test
    void aLessonBeingRegeneratedCountsAsNotDoneUntilItsTextAndPictureArrive() {
        StoredCourse waiting = regenerated(new Regeneration("lesson-01", 2, null, true, true));
        StoredCourse pictureOnly = regenerated(new Regeneration("lesson-01", 2, null, false, true));
        StoredCourse done = regenerated(new Regeneration("lesson-01", 2, null, false, false));

        assertThat(StatusDecision.of(CourseParts.of(waiting)))
                .isEqualTo(new StatusDecision(CourseStatus.GENERATING, 4, 6, null));
        assertThat(StatusDecision.of(CourseParts.of(pictureOnly)))
                .isEqualTo(new StatusDecision(CourseStatus.GENERATING, 5, 6, null));
        assertThat(StatusDecision.of(CourseParts.of(done)))
                .isEqualTo(new StatusDecision(CourseStatus.COMPLETED, 6, 6, null));
    }

    /** A two-lesson course with every part stored, set GENERATING by a regeneration of lesson-01. */
    private static StoredCourse regenerated(Regeneration regeneration) {
        Map<String, StoredLesson> lessons = new LinkedHashMap<>();
        Map<String, StoredImage> images = new LinkedHashMap<>();
        images.put("cover", image("cover"));
        for (String lessonId : PLANNED) {
            lessons.put(lessonId, new StoredLesson(lessonId, new Outline.OutlineLesson(lessonId, 1, "Title", "Summary",
                    List.of(), List.of(), 10), new Lesson("Title", "Text", List.of(), List.of()), null, null));
            images.put(lessonId, image(lessonId));
        }
        return new StoredCourse("c1", "acme", CourseStatus.GENERATING,
                new CourseSpec("Topic", "everyone", "beginner", "en", 2, false, "flat"),
                new StoredOutline("Course", "About", "everyone", List.of(), List.of()), lessons, images, null,
                Map.of(), 7, 4, 6, null, null, null, null, Map.of(regeneration.lessonId(), regeneration), Map.of());
    }

    private static StoredImage image(String imageId) {
        return new StoredImage(imageId, imageId, "images/a.png", "image/png", 1, 1, 1, "a", "concept", "caption",
                "alt", "prompt", null);
    }

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
