package io.coursegen.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.coursegen.contracts.PartRequests.Part;
import io.coursegen.contracts.Outline.OutlineLesson;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartRequestsTest {

    private static final CourseSpec SPEC = new CourseSpec("Photosynthesis", "gardeners", "beginner", "de", 3, true, "watercolour");
    private static final Outline OUTLINE = outline(
            lesson(1, "Licht", List.of("Chlorophyll", "Lichtreaktion", "Photon")),
            lesson(2, "Wasser", List.of("Osmose", "Wurzeln", "Xylem")),
            lesson(3, "Zucker", List.of("Glukose", "Chlorophyll")));

    private final PartRequests parts = PartRequests.of("course-1", "tenant-1", SPEC, OUTLINE);

    @Test
    void requestsOneLessonPerOutlineLessonWithItsNeighboursTitles() {
        List<LessonRequested> lessons = requests(parts.lessons());

        assertThat(lessons).extracting(LessonRequested::previousLessonTitle).containsExactly(null, "Licht", "Wasser");
        assertThat(lessons).extracting(LessonRequested::nextLessonTitle).containsExactly("Wasser", "Zucker", null);
        assertThat(lessons).extracting(LessonRequested::lesson).isEqualTo(OUTLINE.lessons());
        assertThat(lessons).allSatisfy(lesson -> {
            assertThat(lesson.courseId()).isEqualTo("course-1");
            assertThat(lesson.tenantId()).isEqualTo("tenant-1");
            assertThat(lesson.courseTitle()).isEqualTo("Wie Pflanzen Zucker machen");
            assertThat(lesson.spec()).isEqualTo(SPEC);
            assertThat(lesson.revision()).isNull();
            assertThat(lesson.instructions()).isNull();
        });
    }

    @Test
    void aSingleLessonCourseHasNoNeighbours() {
        LessonRequested only = PartRequests.of("course-1", "tenant-1", SPEC, outline(lesson(1, "Alles", List.of("eins"))))
                .lessons().get(0).request();

        assertThat(only.previousLessonTitle()).isNull();
        assertThat(only.nextLessonTitle()).isNull();
    }

    @Test
    void requestsOneImagePerLessonPlusTheCover() {
        List<ImageRequested> images = requests(parts.images());

        assertThat(images).extracting(ImageRequested::imageId).containsExactly("lesson-01", "lesson-02", "lesson-03", "cover");
        assertThat(images).extracting(ImageRequested::lessonId).containsExactly("lesson-01", "lesson-02", "lesson-03", null);
        assertThat(images).allSatisfy(image -> {
            assertThat(image.courseId()).isEqualTo("course-1");
            assertThat(image.tenantId()).isEqualTo("tenant-1");
            assertThat(image.courseTitle()).isEqualTo("Wie Pflanzen Zucker machen");
            assertThat(image.audience()).isEqualTo("Hobbygärtner");
            assertThat(image.language()).isEqualTo("de");
            assertThat(image.imageStyle()).isEqualTo("watercolour");
        });
    }

    @Test
    void picturesALessonFromItsTitleSummaryAndKeyConcepts() {
        ImageRequested second = parts.images().get(1).request();

        assertThat(second.subjectTitle()).isEqualTo("Wasser");
        assertThat(second.subjectSummary()).isEqualTo("Was Wasser tut.");
        assertThat(second.keyConcepts()).containsExactly("Osmose", "Wurzeln", "Xylem");
    }

    @Test
    void picturesTheCoverFromTheCourseAndTheLeadingConceptsOfItsLessons() {
        ImageRequested cover = parts.images().get(3).request();

        assertThat(cover.subjectTitle()).isEqualTo("Wie Pflanzen Zucker machen");
        assertThat(cover.subjectSummary()).isEqualTo("Wie Pflanzen aus Licht Zucker machen.");
        assertThat(cover.keyConcepts()).containsExactly("Chlorophyll", "Lichtreaktion", "Osmose", "Wurzeln", "Glukose");
    }

    @Test
    void keepsTheCoverConceptsFew() {
        Outline many = outline(lesson(1, "A", List.of("a1", "a2", "a3")), lesson(2, "B", List.of("b1", "b2")),
                lesson(3, "C", List.of("c1", "c2")), lesson(4, "D", List.of("d1", "d2")));

        ImageRequested cover = PartRequests.of("course-1", "tenant-1", SPEC, many).images().get(4).request();

        assertThat(cover.keyConcepts()).containsExactly("a1", "a2", "b1", "b2", "c1", "c2");
    }

    @Test
    void keysEachPartByCourseAndPartAndNumbersItAmongItsTopicsRequests() {
        assertThat(parts.courseId()).isEqualTo("course-1");
        assertThat(parts.lessons()).extracting(Part::key, Part::ordinal).containsExactly(
                tuple("course-1/lesson:lesson-01", 0), tuple("course-1/lesson:lesson-02", 1),
                tuple("course-1/lesson:lesson-03", 2));
        assertThat(parts.images()).extracting(Part::key, Part::ordinal).containsExactly(
                tuple("course-1/image:lesson-01", 0), tuple("course-1/image:lesson-02", 1),
                tuple("course-1/image:lesson-03", 2), tuple("course-1/image:cover", 3));
    }

    @Test
    void aRegenerationAsksForWhatTheFirstGenerationAskedForWithRevisionAndInstructions() {
        PartRequests again = parts.regeneration("lesson-02", 3, "Mehr Beispiele aus dem Gemüsebeet");

        Part<LessonRequested> first = parts.lessons().get(1);
        assertThat(again.courseId()).isEqualTo("course-1");
        assertThat(again.lessons()).singleElement().satisfies(part -> {
            assertThat(part.key()).isEqualTo(first.key());
            assertThat(part.ordinal()).isEqualTo(first.ordinal());
            assertThat(part.request().revision()).isEqualTo(3);
            assertThat(part.request().instructions()).isEqualTo("Mehr Beispiele aus dem Gemüsebeet");
            assertThat(part.request()).usingRecursiveComparison().ignoringFields("revision", "instructions")
                    .isEqualTo(first.request());
        });
        Part<ImageRequested> picture = parts.images().get(1);
        assertThat(again.images()).singleElement().satisfies(part -> {
            assertThat(part.key()).isEqualTo(picture.key());
            assertThat(part.ordinal()).isEqualTo(picture.ordinal());
            assertThat(part.request().revision()).isEqualTo(3);
            assertThat(part.request().instructions()).isEqualTo("Mehr Beispiele aus dem Gemüsebeet");
            assertThat(part.request()).usingRecursiveComparison().ignoringFields("revision", "instructions")
                    .isEqualTo(picture.request());
        });
    }

    @Test
    void aRegenerationWithoutInstructionsCarriesNone() {
        PartRequests again = parts.regeneration("lesson-01", 2, null);

        assertThat(again.lessons().get(0).request().instructions()).isNull();
        assertThat(again.images().get(0).request().instructions()).isNull();
    }

    @Test
    void aLessonTheOutlineDoesNotHaveCannotBeRegenerated() {
        assertThatThrownBy(() -> parts.regeneration("lesson-09", 2, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Course course-1 has no lesson lesson-09");
    }

    private static <T> List<T> requests(List<Part<T>> parts) {
        return parts.stream().map(Part::request).toList();
    }

    private static Outline outline(OutlineLesson... lessons) {
        return new Outline("Wie Pflanzen Zucker machen", "Wie Pflanzen aus Licht Zucker machen.", "Hobbygärtner",
                List.of(), List.of("Beschreiben", "Erklären", "Anwenden"), List.of(lessons));
    }

    private static OutlineLesson lesson(int position, String title, List<String> concepts) {
        return new OutlineLesson("lesson-%02d".formatted(position), position, title, "Was " + title + " tut.",
                List.of(title + " beschreiben"), concepts, 15, "Modul");
    }
}
