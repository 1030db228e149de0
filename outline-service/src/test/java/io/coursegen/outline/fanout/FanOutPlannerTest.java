package io.coursegen.outline.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.coursegen.contracts.CourseRequested;
import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.ImageRequested;
import io.coursegen.contracts.LessonRequested;
import io.coursegen.contracts.Outline.OutlineLesson;
import io.coursegen.contracts.Usage;
import io.coursegen.outline.generation.GeneratedOutline;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedLesson;
import io.coursegen.outline.generation.GeneratedOutline.GeneratedModule;
import io.coursegen.outline.generation.WrittenOutline;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanOutPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final Usage USAGE = new Usage("openai", "gpt-4o-mini", 1, 900, 700, 0);
    private static final CourseSpec SPEC = new CourseSpec("Photosynthesis", "gardeners", "beginner", "de", 3, true, "watercolour");
    private static final CourseRequested REQUEST = new CourseRequested("course-1", "tenant-1", SPEC, NOW.minusSeconds(5));

    private final FanOutPlanner planner = new FanOutPlanner();
    private final FanOut fanOut = planner.plan(REQUEST, new WrittenOutline(outline(), USAGE), NOW);

    @Test
    void publishesTheOutlineWithLessonsNumberedInTeachingOrder() {
        assertThat(fanOut.outlined().courseId()).isEqualTo("course-1");
        assertThat(fanOut.outlined().tenantId()).isEqualTo("tenant-1");
        assertThat(fanOut.outlined().usage()).isEqualTo(USAGE);
        assertThat(fanOut.outlined().outlinedAt()).isEqualTo(NOW);
        assertThat(fanOut.outlined().outline().title()).isEqualTo("Wie Pflanzen Zucker machen");
        assertThat(fanOut.outlined().outline().lessons())
                .extracting(OutlineLesson::lessonId, OutlineLesson::position, OutlineLesson::title)
                .containsExactly(
                        tuple("lesson-01", 1, "Licht"),
                        tuple("lesson-02", 2, "Wasser"),
                        tuple("lesson-03", 3, "Zucker"));
    }

    @Test
    void numbersLessonsAcrossModulesAndGivesEachItsModulesTitle() {
        assertThat(fanOut.outlined().outline().lessons())
                .extracting(OutlineLesson::position, OutlineLesson::module)
                .containsExactly(
                        tuple(1, "Was die Pflanze braucht"),
                        tuple(2, "Was die Pflanze braucht"),
                        tuple(3, "Was die Pflanze macht"));
    }

    @Test
    void numbersLessonIdsWithTwoDigits() {
        assertThat(FanOutPlanner.lessonId(1)).isEqualTo("lesson-01");
        assertThat(FanOutPlanner.lessonId(12)).isEqualTo("lesson-12");
    }

    @Test
    void requestsOneLessonPerOutlineLessonWithItsNeighboursTitles() {
        assertThat(fanOut.lessons()).extracting(LessonRequested::previousLessonTitle)
                .containsExactly(null, "Licht", "Wasser");
        assertThat(fanOut.lessons()).extracting(LessonRequested::nextLessonTitle)
                .containsExactly("Wasser", "Zucker", null);
        assertThat(fanOut.lessons()).extracting(LessonRequested::lesson)
                .isEqualTo(fanOut.outlined().outline().lessons());
        assertThat(fanOut.lessons()).allSatisfy(lesson -> {
            assertThat(lesson.courseId()).isEqualTo("course-1");
            assertThat(lesson.tenantId()).isEqualTo("tenant-1");
            assertThat(lesson.courseTitle()).isEqualTo("Wie Pflanzen Zucker machen");
            assertThat(lesson.spec()).isEqualTo(SPEC);
        });
    }

    @Test
    void aSingleLessonCourseHasNoNeighbours() {
        GeneratedOutline one = new GeneratedOutline("Kurz", "Ein Satz.", "alle", List.of(), List.of("a", "b", "c"),
                List.of(new GeneratedModule("Alles", List.of(lesson("Alles", List.of("eins"))))));

        LessonRequested only = planner.plan(REQUEST, new WrittenOutline(one, USAGE), NOW).lessons().get(0);

        assertThat(only.previousLessonTitle()).isNull();
        assertThat(only.nextLessonTitle()).isNull();
    }

    @Test
    void requestsOneImagePerLessonPlusTheCover() {
        assertThat(fanOut.images()).extracting(ImageRequested::imageId)
                .containsExactly("lesson-01", "lesson-02", "lesson-03", "cover");
        assertThat(fanOut.images()).extracting(ImageRequested::lessonId)
                .containsExactly("lesson-01", "lesson-02", "lesson-03", null);
        assertThat(fanOut.images()).allSatisfy(image -> {
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
        ImageRequested second = fanOut.images().get(1);

        assertThat(second.subjectTitle()).isEqualTo("Wasser");
        assertThat(second.subjectSummary()).isEqualTo("Was Wasser tut.");
        assertThat(second.keyConcepts()).containsExactly("Osmose", "Wurzeln", "Xylem");
    }

    @Test
    void picturesTheCoverFromTheCourseAndTheLeadingConceptsOfItsLessons() {
        ImageRequested cover = fanOut.images().get(3);

        assertThat(cover.subjectTitle()).isEqualTo("Wie Pflanzen Zucker machen");
        assertThat(cover.subjectSummary()).isEqualTo("Wie Pflanzen aus Licht Zucker machen.");
        assertThat(cover.keyConcepts()).containsExactly("Chlorophyll", "Lichtreaktion", "Osmose", "Wurzeln", "Glukose");
    }

    @Test
    void keepsTheCoverConceptsFew() {
        List<GeneratedLesson> many = List.of(
                lesson("A", List.of("a1", "a2", "a3")), lesson("B", List.of("b1", "b2")),
                lesson("C", List.of("c1", "c2")), lesson("D", List.of("d1", "d2")));
        GeneratedOutline outline = new GeneratedOutline("T", "D", "alle", List.of(), List.of("x", "y", "z"),
                List.of(new GeneratedModule("M", many)));

        ImageRequested cover = planner.plan(REQUEST, new WrittenOutline(outline, USAGE), NOW).images().get(4);

        assertThat(cover.keyConcepts()).containsExactly("a1", "a2", "b1", "b2", "c1", "c2");
    }

    private static GeneratedOutline outline() {
        return new GeneratedOutline("Wie Pflanzen Zucker machen", "Wie Pflanzen aus Licht Zucker machen.", "Hobbygärtner",
                List.of(), List.of("Beschreiben", "Erklären", "Anwenden"), List.of(
                        new GeneratedModule("Was die Pflanze braucht", List.of(
                                lesson("Licht", List.of("Chlorophyll", "Lichtreaktion", "Photon")),
                                lesson("Wasser", List.of("Osmose", "Wurzeln", "Xylem")))),
                        new GeneratedModule("Was die Pflanze macht", List.of(
                                lesson("Zucker", List.of("Glukose", "Chlorophyll"))))));
    }

    private static GeneratedLesson lesson(String title, List<String> concepts) {
        return new GeneratedLesson(title, "Was " + title + " tut.", List.of(title + " beschreiben"), concepts, 15);
    }
}
